package io.tabelogo.map.grpc;

import io.tabelogo.api.map.v1.AddressComponent;
import io.tabelogo.api.map.v1.AdvanceSearchRequest;
import io.tabelogo.api.map.v1.AuthorAttribution;
import io.tabelogo.api.map.v1.LatLng;
import io.tabelogo.api.map.v1.LocalizedText;
import io.tabelogo.api.map.v1.OpeningHours;
import io.tabelogo.api.map.v1.Period;
import io.tabelogo.api.map.v1.Photo;
import io.tabelogo.api.map.v1.Place;
import io.tabelogo.api.map.v1.PlaceSource;
import io.tabelogo.api.map.v1.PriceLevel;
import io.tabelogo.api.map.v1.RankPreference;
import io.tabelogo.map.search.SearchRequests;
import io.tabelogo.map.search.SearchRequests.AdvanceSearchBody;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Google-shaped place JSON to {@code map.v1.Place} and back for requests: every field, price level included
 * (the first version dropped it). Fields the JSON lacks stay unset.
 */
final class PlaceMessages {

    private PlaceMessages() {}

    static Place place(JsonNode json) {
        Place.Builder place = Place.newBuilder().setId(json.path("id").asString(""));
        if (json.has("displayName")) {
            place.setDisplayName(text(json.get("displayName")));
        }
        place.setFormattedAddress(json.path("formattedAddress").asString(""));
        if (json.has("location")) {
            place.setLocation(latLng(json.get("location")));
        }
        if (json.path("rating").isNumber()) {
            place.setRating(json.get("rating").asDouble());
        }
        if (json.path("userRatingCount").isNumber()) {
            place.setUserRatingCount(json.get("userRatingCount").asInt());
        }
        place.setPriceLevel(priceLevel(json.path("priceLevel").asString("")));
        json.path("types").forEach(type -> place.addTypes(type.asString()));
        for (JsonNode photo : json.path("photos")) {
            Photo.Builder message = Photo.newBuilder()
                    .setName(photo.path("name").asString(""))
                    .setWidthPx(photo.path("widthPx").asInt())
                    .setHeightPx(photo.path("heightPx").asInt());
            for (JsonNode author : photo.path("authorAttributions")) {
                message.addAuthorAttributions(AuthorAttribution.newBuilder()
                        .setDisplayName(author.path("displayName").asString(""))
                        .setUri(author.path("uri").asString(""))
                        .setPhotoUri(author.path("photoUri").asString("")));
            }
            place.addPhotos(message);
        }
        if (json.has("regularOpeningHours")) {
            place.setRegularOpeningHours(hours(json.get("regularOpeningHours")));
        }
        if (json.has("currentOpeningHours")) {
            place.setCurrentOpeningHours(hours(json.get("currentOpeningHours")));
        }
        for (JsonNode component : json.path("addressComponents")) {
            AddressComponent.Builder message = AddressComponent.newBuilder()
                    .setLongText(component.path("longText").asString(""))
                    .setShortText(component.path("shortText").asString(""))
                    .setLanguageCode(component.path("languageCode").asString(""));
            component.path("types").forEach(type -> message.addTypes(type.asString()));
            place.addAddressComponents(message);
        }
        place.setNationalPhoneNumber(json.path("nationalPhoneNumber").asString(""));
        place.setInternationalPhoneNumber(json.path("internationalPhoneNumber").asString(""));
        place.setWebsiteUri(json.path("websiteUri").asString(""));
        if (json.has("editorialSummary")) {
            place.setEditorialSummary(text(json.get("editorialSummary")));
        }
        return place.build();
    }

    static PlaceSource source(String source) {
        return switch (source) {
            case "cache" -> PlaceSource.PLACE_SOURCE_CACHE;
            case "google" -> PlaceSource.PLACE_SOURCE_GOOGLE;
            case "offline" -> PlaceSource.PLACE_SOURCE_OFFLINE;
            default -> PlaceSource.PLACE_SOURCE_UNSPECIFIED;
        };
    }

    /** The gRPC request as the HTTP body it mirrors, absent messages as nulls, so one validator checks both. */
    static AdvanceSearchBody body(AdvanceSearchRequest request) {
        SearchRequests.LocationBias bias = null;
        if (request.hasLocationBias()) {
            SearchRequests.RectangleBody rectangle = null;
            if (request.getLocationBias().hasRectangle()) {
                var r = request.getLocationBias().getRectangle();
                rectangle = new SearchRequests.RectangleBody(
                        r.hasLow() ? point(r.getLow()) : null, r.hasHigh() ? point(r.getHigh()) : null);
            }
            bias = new SearchRequests.LocationBias(rectangle);
        }
        return new AdvanceSearchBody(
                request.getTextQuery(),
                bias,
                request.getMaxResultCount(),
                request.hasMinRating() ? request.getMinRating() : null,
                request.hasOpenNow() ? request.getOpenNow() : null,
                rank(request.getRankPreference()),
                request.getLanguageCode(),
                request.getApiMask());
    }

    private static String rank(RankPreference rank) {
        return switch (rank) {
            case RANK_PREFERENCE_UNSPECIFIED -> null;
            case RANK_PREFERENCE_DISTANCE -> "DISTANCE";
            case RANK_PREFERENCE_RELEVANCE -> "RELEVANCE";
            case UNRECOGNIZED -> "UNRECOGNIZED";
        };
    }

    private static SearchRequests.Point point(LatLng point) {
        return new SearchRequests.Point(point.getLatitude(), point.getLongitude());
    }

    private static LocalizedText text(JsonNode json) {
        return LocalizedText.newBuilder()
                .setText(json.path("text").asString(""))
                .setLanguageCode(json.path("languageCode").asString(""))
                .build();
    }

    private static LatLng latLng(JsonNode json) {
        return LatLng.newBuilder()
                .setLatitude(json.path("latitude").asDouble())
                .setLongitude(json.path("longitude").asDouble())
                .build();
    }

    /** Google's names and ours are the same ({@code PRICE_LEVEL_MODERATE} …); unknown or absent is UNSPECIFIED. */
    private static PriceLevel priceLevel(String name) {
        try {
            return name.isEmpty() ? PriceLevel.PRICE_LEVEL_UNSPECIFIED : PriceLevel.valueOf(name);
        } catch (IllegalArgumentException newerThanUs) {
            return PriceLevel.PRICE_LEVEL_UNSPECIFIED;
        }
    }

    private static OpeningHours hours(JsonNode json) {
        OpeningHours.Builder hours = OpeningHours.newBuilder();
        if (json.path("openNow").isBoolean()) {
            hours.setOpenNow(json.get("openNow").asBoolean());
        }
        for (JsonNode period : json.path("periods")) {
            Period.Builder message = Period.newBuilder().setOpen(point(period.path("open")));
            if (period.has("close")) {
                message.setClose(point(period.get("close")));
            }
            hours.addPeriods(message);
        }
        List<String> descriptions = new ArrayList<>();
        json.path("weekdayDescriptions").forEach(d -> descriptions.add(d.asString()));
        return hours.addAllWeekdayDescriptions(descriptions).build();
    }

    private static Period.Point point(JsonNode json) {
        return Period.Point.newBuilder()
                .setDay(json.path("day").asInt())
                .setHour(json.path("hour").asInt())
                .setMinute(json.path("minute").asInt())
                .build();
    }
}
