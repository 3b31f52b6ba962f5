package io.tabelogo.spider.scraper;

import java.util.List;

/**
 * One restaurant as Tabelog shows it. Numbers are null when the page shows none ("-" or nothing); {@code name} and
 * {@code link} are always set (a page without a name is not a result).
 */
public record TabelogRestaurant(
        String link,
        String name,
        Double rating,
        Integer ratingCount,
        Integer bookmarks,
        String phone,
        List<String> types,
        List<String> photos) {

    public TabelogRestaurant {
        types = List.copyOf(types);
        photos = List.copyOf(photos);
    }
}
