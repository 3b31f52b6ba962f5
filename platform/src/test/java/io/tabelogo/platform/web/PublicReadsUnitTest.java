package io.tabelogo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class PublicReadsUnitTest {

    @Test
    void theETagIsStrongQuotedAndFollowsTheRepresentation() {
        String etag = PublicReads.etag("{\"name\":\"一蘭\"}");

        assertThat(etag).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(PublicReads.etag("{\"name\":\"一蘭\"}")).isEqualTo(etag);
        assertThat(PublicReads.etag("{\"name\":\"一蘭 \"}")).isNotEqualTo(etag);
    }

    @Test
    void freshReadsAreKeptForTheConfiguredTimeAndOutOfDateOnesAskedForEachTime() {
        PublicReads reads = new PublicReads(settings(Duration.ofSeconds(30)));

        assertThat(reads.fresh(PublicReads.etag("{}")).build().getHeaders().getCacheControl())
                .isEqualTo("max-age=30, public");
        assertThat(reads.outOfDate(PublicReads.etag("{}")).build().getHeaders().getCacheControl())
                .isEqualTo("no-cache, public");
        assertThat(reads.fresh(PublicReads.etag("{}")).build().getHeaders().getETag())
                .isEqualTo(PublicReads.etag("{}"));
    }

    @Test
    void aZeroMaxAgeMakesCachesAskEveryTimeAndANegativeOneIsRefused() {
        assertThat(new PublicReads(settings(Duration.ZERO))
                        .fresh(PublicReads.etag("{}"))
                        .build()
                        .getHeaders()
                        .getCacheControl())
                .isEqualTo("no-cache, public");
        assertThatThrownBy(() -> settings(Duration.ofSeconds(-1))).hasMessageContaining("tabelogo.http.public-max-age");
    }

    private static HttpSettings settings(Duration publicMaxAge) {
        return new HttpSettings(DataSize.ofMegabytes(1), List.of(), publicMaxAge);
    }
}
