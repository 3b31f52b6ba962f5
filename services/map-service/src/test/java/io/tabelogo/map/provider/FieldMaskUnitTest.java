package io.tabelogo.map.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class FieldMaskUnitTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void twoSpellingsOfOneMaskAreTheSameMask() {
        FieldMask a = FieldMask.parse("rating, places.id,displayName");
        FieldMask b = FieldMask.parse("id,displayName,rating,id");

        assertThat(a).isEqualTo(b);
        assertThat(a.cacheTag()).isEqualTo(b.cacheTag()).isNotEqualTo(FieldMask.DEFAULT.cacheTag());
        assertThat(a.detailsHeader()).isEqualTo("displayName,id,rating");
        assertThat(a.searchHeader()).isEqualTo("places.displayName,places.id,places.rating");
    }

    @Test
    void noMaskMeansTheDefaultMaskWithPriceLevel() {
        assertThat(FieldMask.parse(null).isDefault()).isTrue();
        assertThat(FieldMask.parse("  ").isDefault()).isTrue();
        assertThat(FieldMask.DEFAULT.detailsHeader().split(","))
                .contains("priceLevel", "addressComponents", "currentOpeningHours", "websiteUri", "photos");
        assertThat(FieldMask.DEFAULT.searchHeader()).startsWith("places.id,places.displayName");
    }

    @Test
    void refusesWhatIsNotAFieldList() {
        assertThatIllegalArgumentException().isThrownBy(() -> FieldMask.parse("id,,rating"));
        assertThatIllegalArgumentException().isThrownBy(() -> FieldMask.parse("id;drop table"));
        assertThatIllegalArgumentException().isThrownBy(() -> FieldMask.parse("a".repeat(1001)));
    }

    @Test
    void onlyFieldsOfAPlaceAreAcceptedAndSubFieldsCountAsTheirField() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> FieldMask.parse("id,cacheBuster123"))
                .withMessageContaining("cacheBuster123");
        assertThat(FieldMask.parse("displayName.text,displayName.languageCode").paths())
                .containsExactly("displayName");
        assertThat(FieldMask.parse("id,*,rating").paths()).containsExactly("*");
        assertThat(FieldMask.parse("rating,id").isWithinDefault()).isTrue();
        assertThat(FieldMask.parse("rating,reviews").isWithinDefault()).isFalse();
        assertThat(FieldMask.parse("*").isEverything()).isTrue();
    }

    @Test
    void applyKeepsTheNamedTopLevelFields() {
        ObjectNode place = (ObjectNode)
                json.readTree("{\"id\":\"x\",\"rating\":4.1,\"displayName\":{\"text\":\"A\"},\"secret\":1}");

        assertThat(FieldMask.parse("id,displayName.text").apply(place).propertyNames())
                .containsExactlyInAnyOrder("id", "displayName");
        assertThat(FieldMask.parse("*").apply(place)).isEqualTo(place);
        assertThat(FieldMask.DEFAULT.apply(place).propertyNames())
                .containsExactlyInAnyOrder("id", "rating", "displayName");
    }
}
