package io.tabelogo.restaurant.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.BitSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The filter's arithmetic, on an in-memory bit set (pure; the Redis bitmap is tested in the cache tests). */
class BloomPositionsUnitTest {

    @Test
    void isSizedByTheUsualFormulas() {
        BloomPositions positions = BloomPositions.sizedFor(1_000_000, 0.01);

        assertThat(positions.bits()).isBetween(9_585_000L, 9_586_000L); // -n ln p / (ln 2)^2
        assertThat(positions.hashes()).isEqualTo(7);
    }

    @Test
    void everyIdSetsTheSameBitsEachTimeWithinTheFilter() {
        BloomPositions positions = BloomPositions.sizedFor(10_000, 0.01);
        UUID id = UUID.randomUUID();

        assertThat(positions.of(id)).containsExactly(positions.of(id));
        for (long bit : positions.of(id)) {
            assertThat(bit).isBetween(0L, positions.bits() - 1);
        }
    }

    @Test
    void aFullFilterLetsThroughAboutItsFalsePositiveRateAndNoFalseNegatives() {
        BloomPositions positions = BloomPositions.sizedFor(10_000, 0.01);
        BitSet bits = new BitSet((int) positions.bits());
        UUID[] members = new UUID[10_000];
        for (int i = 0; i < members.length; i++) {
            members[i] = UUID.randomUUID();
            for (long bit : positions.of(members[i])) {
                bits.set((int) bit);
            }
        }

        int falsePositives = 0;
        for (int i = 0; i < 100_000; i++) {
            if (contains(bits, positions, UUID.randomUUID())) {
                falsePositives++;
            }
        }

        for (UUID member : members) {
            assertThat(contains(bits, positions, member)).isTrue();
        }
        assertThat(falsePositives / 100_000.0).isLessThan(0.02);
    }

    private static boolean contains(BitSet bits, BloomPositions positions, UUID id) {
        for (long bit : positions.of(id)) {
            if (!bits.get((int) bit)) {
                return false;
            }
        }
        return true;
    }
}
