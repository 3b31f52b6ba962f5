package io.tabelogo.spider.jobs;

import io.tabelogo.spider.scraper.TabelogRestaurant;
import java.time.Instant;
import java.util.List;

/** A place's Tabelog restaurants as the last finished job found them (the result cache entry). */
public record CachedResults(String googleId, List<TabelogRestaurant> restaurants, int totalFound, Instant cachedAt) {}
