package io.tabelogo.map.provider;

/**
 * A validated text search ({@code advance_search}).
 *
 * @param minRating null for no filter
 * @param openNow null or false for no filter
 */
public record TextQuery(
        String textQuery,
        Rectangle rectangle,
        int maxResultCount,
        Double minRating,
        Boolean openNow,
        RankPreference rankPreference,
        String languageCode,
        FieldMask mask) {

    public TextQuery withMask(FieldMask other) {
        return new TextQuery(
                textQuery, rectangle, maxResultCount, minRating, openNow, rankPreference, languageCode, other);
    }

    public boolean onlyOpenNow() {
        return Boolean.TRUE.equals(openNow);
    }
}
