package io.tabelogo.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What ./tabelogo chaos refuses before it calls anything (no gateway needed: nothing listens at its address). */
class ChaosCommandUnitTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ChaosCommand chaos = new ChaosCommand(
            URI.create("http://127.0.0.1:9"),
            "admin@example.com",
            "secret",
            new PrintStream(printed, true, StandardCharsets.UTF_8));

    @Test
    void badArgumentsAreRefusedWithTheUsageAndStatus2() throws Exception {
        for (List<String> args : List.of(
                List.of("explode"),
                List.of("set", "map"),
                List.of("set", "moon", "redis-down"),
                List.of("set", "map", "dependency/map-provider", "error_rate=lots"),
                List.of("clear", "map", "redis-down", "extra"),
                List.of("list", "everything"),
                List.of("restart"),
                List.of("restart", "spider", "--gently"))) {
            printed.reset();
            assertThat(chaos.run(args)).as(args.toString()).isEqualTo(2);
            assertThat(output()).startsWith("tabelogo chaos: ").contains("Usage: ./tabelogo chaos");
        }
        chaos.run(List.of("set", "moon", "redis-down"));
        assertThat(output()).contains("unknown target 'moon': one of [gateway, auth, map, restaurant, spider]");
    }

    @Test
    void aGatewayThatDoesNotAnswerIsSaidSoWithStatus1() throws Exception {
        assertThat(chaos.run(List.of())).isEqualTo(1);
        assertThat(output()).contains("no gateway at http://127.0.0.1:9").contains("is the stack up?");
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }
}
