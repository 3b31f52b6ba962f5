package io.tabelogo.restaurant.tabelog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.restaurant.tabelog.ScrapeCompleted.Result;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TabelogMatchUnitTest {

    @Test
    void japaneseAndRomanisedNamesBothMatch() {
        assertThat(TabelogMatch.best(event("Ramen Nagi", "ラーメン凪", result("ラーメン凪 渋谷店", null)), null))
                .isPresent();
        assertThat(TabelogMatch.best(event("Ramen Nagi", null, result("RAMEN NAGI Shibuya", null)), null))
                .isPresent();
    }

    @Test
    void anUnrelatedNameDoesNotMatchUnlessThePhoneIsTheSame() {
        ScrapeCompleted event = event("Ramen Nagi", "ラーメン凪", result("Sushi Dai", "+81 3-1111-2222"));

        assertThat(TabelogMatch.best(event, "03-9999-9999")).isEmpty();
        assertThat(TabelogMatch.best(event, "03-1111-2222")).isPresent();
    }

    @Test
    void theBestOfSeveralResultsWins() {
        Result exact = result("Ramen Nagi", null);
        ScrapeCompleted event = event("Ramen Nagi", null, result("Ramen Nagisa Bar", null), exact);

        assertThat(TabelogMatch.best(event, null)).containsSame(exact);
    }

    @Test
    void diceComparesCharacterPairs() {
        assertThat(TabelogMatch.dice("night", "nacht")).isEqualTo(0.25);
        assertThat(TabelogMatch.dice("ramen", "ramen")).isEqualTo(1.0);
        assertThat(TabelogMatch.dice("", "ramen")).isZero();
        assertThat(TabelogMatch.normalised("Ｒａｍｅｎ　Ｎａｇｉ!")).isEqualTo("ramennagi");
    }

    private static ScrapeCompleted event(String name, String nameJa, Result... results) {
        return new ScrapeCompleted(
                UUID.randomUUID(),
                "scrape.completed",
                1,
                "job",
                "ChIJx",
                "Tokyo",
                name,
                nameJa,
                List.of(results),
                null);
    }

    private static Result result(String name, String phone) {
        return new Result("https://tabelog.com/tokyo/A1/A2/1/", name, 3.5, 10, 1, phone, List.of(), List.of());
    }
}
