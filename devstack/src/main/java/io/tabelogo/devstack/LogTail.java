package io.tabelogo.devstack;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The end of a log file, and the lines appended to it since: for {@code logs [-f]} and for {@code up}'s progress. */
final class LogTail {

    private static final int LINES = 100;
    /** Enough for the last lines even of JSON logs, without reading a long-running service's whole log. */
    private static final int WINDOW_BYTES = 256 * 1024;

    private static final Duration FOLLOW_INTERVAL = Duration.ofMillis(500);

    private LogTail() {}

    static void print(Path file, boolean follow, PrintStream out) throws IOException, InterruptedException {
        long size = Files.size(file);
        long start = Math.max(0, size - WINDOW_BYTES);
        List<String> lines = new String(readFrom(file, start), UTF_8).lines().toList();
        if (start > 0 && !lines.isEmpty()) {
            lines = lines.subList(1, lines.size()); // the window cut the first line
        }
        lines.subList(Math.max(0, lines.size() - LINES), lines.size()).forEach(out::println);
        long position = size;
        while (follow) {
            Thread.sleep(FOLLOW_INTERVAL);
            position = printNewLines(file, position, "", out);
        }
    }

    /** Prints the complete lines after position, each after prefix, and returns the position that follows them. */
    static long printNewLines(Path file, long position, String prefix, PrintStream out) throws IOException {
        if (Files.size(file) < position) {
            position = 0; // a new up started a new log
        }
        byte[] appended = readFrom(file, position);
        int end = appended.length;
        while (end > 0 && appended[end - 1] != '\n') {
            end--;
        }
        new String(appended, 0, end, UTF_8).lines().forEach(line -> out.println(prefix + line));
        return position + end;
    }

    private static byte[] readFrom(Path file, long position) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(position);
            return in.readAllBytes();
        }
    }
}
