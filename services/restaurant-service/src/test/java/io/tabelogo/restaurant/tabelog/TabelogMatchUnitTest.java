package io.tabelogo.restaurant.tabelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.restaurant.tabelog.ScrapeCompleted.Result;
import java.util.List;
import org.junit.jupiter.api.Test;

class TabelogMatchUnitTest {

    @Test
    void japaneseAndRomanisedNamesBothMatch() {
        assertThat(TabelogMatch.best(List.of(result("ラーメン凪 渋谷店", null)), own("Ramen Nagi", "ラーメン凪", null)))
                .isPresent();
        assertThat(TabelogMatch.best(List.of(result("RAMEN NAGI Shibuya", null)), own("Ramen Nagi", null, null)))
                .isPresent();
    }

    @Test
    void anUnrelatedNameDoesNotMatchUnlessThePhoneIsTheSame() {
        List<Result> results = List.of(result("Sushi Dai", "+81 3-1111-2222"));

        assertThat(TabelogMatch.best(results, own("Ramen Nagi", "ラーメン凪", "03-9999-9999")))
                .isEmpty();
        assertThat(TabelogMatch.best(results, own("Ramen Nagi", "ラーメン凪", "03-1111-2222")))
                .isPresent();
    }

    @Test
    void theBestOfSeveralResultsWins() {
        Result exact = result("Ramen Nagi", null);

        assertThat(TabelogMatch.best(List.of(result("Ramen Nagisa Bar", null), exact), own("Ramen Nagi", null, null)))
                .containsSame(exact);
    }

    @Test
    void onlyTheRestaurantsOwnNamesCountNeverTheRequestersSearch() {
        // A scrape requested as "Sushi Dai" for Ramen Nagi's place: its results are Sushi Dai's, and match nothing.
        List<Result> results = List.of(result("Sushi Dai", null), result("Sushi Dai Annex", null));

        assertThat(TabelogMatch.best(results, own("Ramen Nagi", "ラーメン凪", "03-9999-9999")))
                .isEmpty();
    }

    @Test
    void diceComparesCharacterPairs() {
        assertThat(TabelogMatch.dice("night", "nacht")).isEqualTo(0.25);
        assertThat(TabelogMatch.dice("ramen", "ramen")).isEqualTo(1.0);
        assertThat(TabelogMatch.dice("", "ramen")).isZero();
        assertThat(TabelogMatch.normalised("Ｒａｍｅｎ　Ｎａｇｉ!")).isEqualTo("ramennagi");
    }

    private static TabelogMatch.Own own(String name, String nameJa, String phone) {
        return new TabelogMatch.Own(name, nameJa, "Tokyo", phone);
    }

    private static Result result(String name, String phone) {
        return new Result("https://tabelog.com/tokyo/A1/A2/1/", name, 3.5, 10, 1, phone, List.of(), List.of());
    }
}
