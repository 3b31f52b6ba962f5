package io.tabelogo.restaurant.catalog;

import java.util.UUID;

/**
 * Where an id's bits go in a Bloom filter of {@code bits} bits with {@code hashes} hash functions (double hashing
 * of the id's two halves through a 64-bit mixer). Pure arithmetic, shared by every replica: they must agree.
 */
record BloomPositions(long bits, int hashes) {

    /** The optimal size for {@code capacity} ids at the given false-positive rate. */
    static BloomPositions sizedFor(long capacity, double falsePositiveRate) {
        double ln2 = Math.log(2);
        long bits = (long) Math.ceil(-capacity * Math.log(falsePositiveRate) / (ln2 * ln2));
        int hashes = Math.max(1, (int) Math.round((double) bits / capacity * ln2));
        return new BloomPositions(bits, hashes);
    }

    long[] of(UUID id) {
        long h1 = mix(id.getMostSignificantBits() ^ id.getLeastSignificantBits());
        long h2 = mix(id.getLeastSignificantBits() + 0x9E3779B97F4A7C15L) | 1;
        long[] positions = new long[hashes];
        for (int i = 0; i < hashes; i++) {
            positions[i] = Math.floorMod(h1 + i * h2, bits);
        }
        return positions;
    }

    /** SplitMix64's finaliser: every input bit affects every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
