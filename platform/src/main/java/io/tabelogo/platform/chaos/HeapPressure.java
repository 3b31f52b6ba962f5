package io.tabelogo.platform.chaos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Heap held in live, touched arrays (so the memory is really committed), until released. */
final class HeapPressure {

    private static final int MEGABYTE = 1024 * 1024;

    private HeapPressure() {}

    /** Holds {@code megabytes} of heap; the returned action lets it go. */
    static Runnable hold(int megabytes) {
        List<byte[]> held = new ArrayList<>(megabytes);
        for (int i = 0; i < megabytes; i++) {
            byte[] block = new byte[MEGABYTE];
            Arrays.fill(block, (byte) 1);
            held.add(block);
        }
        return held::clear;
    }
}
