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

    public boolean onlyOpenNow() {
        return Boolean.TRUE.equals(openNow);
    }
}
