package io.tabelogo.gameday;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A load's samples as figures: over a window (percentiles, error rate), and second by second for the charts. */
final class Timeline {

    /** Figures of the requests that started in a window. */
    record Figures(int requests, double p50Ms, double p95Ms, double p99Ms, double errorRate) {

        static Figures of(List<Load.Sample> samples) {
            if (samples.isEmpty()) {
                return new Figures(0, 0, 0, 0, 0);
            }
            List<Long> latencies = samples.stream()
                    .map(Load.Sample::latencyMs)
                    .sorted(Comparator.naturalOrder())
                    .toList();
            long failed = samples.stream().filter(Load.Sample::failed).count();
            return new Figures(
                    samples.size(),
                    percentile(latencies, 0.50),
                    percentile(latencies, 0.95),
                    percentile(latencies, 0.99),
                    (double) failed / samples.size());
        }

        /** Nearest-rank percentile. */
        private static double percentile(List<Long> sorted, double quantile) {
            int rank = (int) Math.ceil(quantile * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }

    /** One second of the load, for the charts. */
    record Second(long second, Figures figures) {}

    private final List<Load.Sample> samples;

    Timeline(List<Load.Sample> samples) {
        this.samples = samples;
    }

    /** The requests that started in [fromMs, toMs). */
    Figures window(long fromMs, long toMs) {
        return Figures.of(samples.stream()
                .filter(sample -> sample.startMs() >= fromMs && sample.startMs() < toMs)
                .toList());
    }

    /** Figures of the requests that started in [fromMs, toMs) and got {@code status}. */
    Figures window(long fromMs, long toMs, int status) {
        return Figures.of(samples.stream()
                .filter(sample -> sample.startMs() >= fromMs && sample.startMs() < toMs && sample.status() == status)
                .toList());
    }

    /** How many requests that started in [fromMs, toMs) got each status (0: no answer). */
    java.util.SortedMap<Integer, Long> statuses(long fromMs, long toMs) {
        return samples.stream()
                .filter(sample -> sample.startMs() >= fromMs && sample.startMs() < toMs)
                .collect(java.util.stream.Collectors.groupingBy(
                        Load.Sample::status, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    /** How many failed requests that started in [fromMs, toMs) carried each problem code ("": none). */
    java.util.SortedMap<String, Long> failureCodes(long fromMs, long toMs) {
        return samples.stream()
                .filter(sample -> sample.startMs() >= fromMs && sample.startMs() < toMs && sample.failed())
                .collect(java.util.stream.Collectors.groupingBy(
                        Load.Sample::code, java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    /** Second by second, from the first sample to the last. */
    List<Second> seconds() {
        long last = samples.stream().mapToLong(Load.Sample::startMs).max().orElse(-1) / 1000;
        List<Second> seconds = new ArrayList<>();
        for (long second = 0; second <= last; second++) {
            seconds.add(new Second(second, window(second * 1000, (second + 1) * 1000)));
        }
        return seconds;
    }
}
