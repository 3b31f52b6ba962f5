package io.tabelogo.restaurant.quicksearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.api.map.v1.AddressComponent;
import io.tabelogo.api.map.v1.Place;
import io.tabelogo.api.map.v1.PriceLevel;
import io.tabelogo.restaurant.catalog.RestaurantFields;
import io.tabelogo.restaurant.catalog.RestaurantRules;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaceConversionUnitTest {

    @Test
    void priceLevelsBecomePriceRangesAndUnknownStaysUnknown() {
        assertThat(range(PriceLevel.PRICE_LEVEL_FREE)).isEqualTo("$");
        assertThat(range(PriceLevel.PRICE_LEVEL_INEXPENSIVE)).isEqualTo("$");
        assertThat(range(PriceLevel.PRICE_LEVEL_MODERATE)).isEqualTo("$$");
        assertThat(range(PriceLevel.PRICE_LEVEL_EXPENSIVE)).isEqualTo("$$$");
        assertThat(range(PriceLevel.PRICE_LEVEL_VERY_EXPENSIVE)).isEqualTo("$$$$");
        assertThat(range(PriceLevel.PRICE_LEVEL_UNSPECIFIED)).isNull();
    }

    @Test
    void theCuisineIsTheMostSpecificRestaurantType() {
        assertThat(PlaceConversion.cuisine(List.of("sushi_restaurant", "japanese_restaurant", "restaurant")))
                .isEqualTo("sushi");
        assertThat(PlaceConversion.cuisine(List.of("restaurant", "food", "korean_barbecue_restaurant")))
                .isEqualTo("korean barbecue");
        assertThat(PlaceConversion.cuisine(List.of("food", "cafe"))).isEqualTo("cafe");
        assertThat(PlaceConversion.cuisine(List.of("restaurant", "food"))).isNull();
    }

    @Test
    void theAreaIsThePrefecturesShortNameElseItsLongOne() {
        AddressComponent ward = AddressComponent.newBuilder()
                .setShortText("Shibuya")
                .addTypes("locality")
                .build();
        AddressComponent prefecture = AddressComponent.newBuilder()
                .setLongText("Osaka Prefecture")
                .addTypes("administrative_area_level_1")
                .build();

        assertThat(PlaceConversion.area(List.of(ward, prefecture))).isEqualTo("Osaka Prefecture");
        assertThat(PlaceConversion.area(List.of(ward))).isNull();
    }

    @Test
    void oddPlacesStillMakeValidRestaurants() {
        Place odd = Place.newBuilder()
                .setId("ChIJodd")
                .setInternationalPhoneNumber("+81 3-0000-0000")
                .setWebsiteUri("javascript:alert(1)")
                .setFormattedAddress("x".repeat(600))
                .setRating(7)
                .build();

        RestaurantFields fields = RestaurantRules.checked(PlaceConversion.fields(odd));

        assertThat(fields.name()).isEqualTo("ChIJodd");
        assertThat(fields.phone()).isEqualTo("+81 3-0000-0000");
        assertThat(fields.website()).isNull();
        assertThat(fields.address()).hasSize(500);
        assertThat(fields.rating()).isEqualTo(5.0);
        assertThat(fields.latitude()).isNull();
    }

    private static String range(PriceLevel level) {
        return PlaceConversion.priceRange(
                Place.newBuilder().setPriceLevel(level).build());
    }
}
