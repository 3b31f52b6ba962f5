package io.tabelogo.map.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * What a Place looks like in map-service's answers, for the OpenAPI description only: map-service passes Google's
 * Place JSON (Places API (New)) on as it came, with Google's camelCase names, so no class of ours holds it. These are
 * the fields of the default mask; a wider mask adds Google's other fields.
 */
@Schema(name = "Place", description = "Google's Place as the provider returned it, limited to the asked mask")
record PlaceDescription(
        @JsonProperty("id") String id,
        @JsonProperty("displayName") Text displayName,
        @JsonProperty("formattedAddress") String formattedAddress,
        @JsonProperty("location") LatLng location,
        @JsonProperty("rating") Double rating,
        @JsonProperty("userRatingCount") Integer userRatingCount,

        @Schema(example = "PRICE_LEVEL_MODERATE") @JsonProperty("priceLevel")
        String priceLevel,

        @JsonProperty("types") List<String> types,
        @JsonProperty("photos") List<Photo> photos,
        @JsonProperty("regularOpeningHours") OpeningHours regularOpeningHours,
        @JsonProperty("currentOpeningHours") OpeningHours currentOpeningHours,
        @JsonProperty("addressComponents") List<AddressComponent> addressComponents,
        @JsonProperty("nationalPhoneNumber") String nationalPhoneNumber,
        @JsonProperty("internationalPhoneNumber") String internationalPhoneNumber,
        @JsonProperty("websiteUri") String websiteUri,
        @JsonProperty("editorialSummary") Text editorialSummary) {

    @Schema(name = "PlaceText")
    record Text(
            @JsonProperty("text") String text,
            @JsonProperty("languageCode") String languageCode) {}

    @Schema(name = "PlaceLatLng")
    record LatLng(
            @JsonProperty("latitude") double latitude,
            @JsonProperty("longitude") double longitude) {}

    @Schema(name = "PlacePhoto")
    record Photo(
            @JsonProperty("name") String name,
            @JsonProperty("widthPx") Integer widthPx,
            @JsonProperty("heightPx") Integer heightPx) {}

    @Schema(name = "PlaceOpeningHours")
    record OpeningHours(
            @JsonProperty("openNow") Boolean openNow,
            @JsonProperty("periods") List<Period> periods,
            @JsonProperty("weekdayDescriptions") List<String> weekdayDescriptions) {}

    @Schema(name = "PlaceOpeningPeriod")
    record Period(
            @JsonProperty("open") Moment open,
            @JsonProperty("close") Moment close) {}

    /** {@code day} 0 is Sunday. */
    @Schema(name = "PlaceOpeningMoment")
    record Moment(
            @JsonProperty("day") int day,
            @JsonProperty("hour") int hour,
            @JsonProperty("minute") int minute) {}

    @Schema(name = "PlaceAddressComponent")
    record AddressComponent(
            @JsonProperty("longText") String longText,
            @JsonProperty("shortText") String shortText,
            @JsonProperty("types") List<String> types,
            @JsonProperty("languageCode") String languageCode) {}
}
