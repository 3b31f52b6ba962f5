package io.tabelogo.map.provider;

/** How text search results are ordered; the names are Google's {@code rankPreference} values. */
public enum RankPreference {
    RELEVANCE,
    DISTANCE
}
