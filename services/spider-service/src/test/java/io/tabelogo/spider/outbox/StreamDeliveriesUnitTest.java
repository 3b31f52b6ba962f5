package io.tabelogo.spider.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamDeliveriesUnitTest {

    @Test
    void entryIdsAreOrderedByTimeThenSequenceAsNumbers() {
        assertThat(StreamDeliveries.compare("1700000000000-0", "1700000000000-0"))
                .isZero();
        assertThat(StreamDeliveries.compare("1700000000000-2", "1700000000000-10"))
                .isNegative();
        assertThat(StreamDeliveries.compare("999-5", "1000-0")).isNegative();
        assertThat(StreamDeliveries.compare("1700000000001", "1700000000000-7")).isPositive();
        assertThat(StreamDeliveries.compare("0-0", "1-0")).isNegative();
    }
}
