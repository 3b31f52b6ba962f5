import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service's CPU goes, by concern: reads the execution samples of a JFR recording and gives each sample to
 * the concern of its innermost frame outside the JDK (JDK code works for whoever called it: a HashMap lookup inside
 * Spring Security is Spring Security's). Prints each concern's share of the samples.
 *
 * <pre>java bench/tools/JfrConcerns.java recording.jfr</pre>
 */
public class JfrConcerns {

    /** First match wins, so more specific prefixes come before the general ones. */
    private static final List<Map.Entry<String, String>> CONCERNS = List.of(
            Map.entry("io.tabelogo.platform.web.AccessLogFilter", "access log"),
            Map.entry("ch.qos.logback.", "access log"),
            Map.entry("org.springframework.boot.logging.", "access log"),
            Map.entry("org.springframework.boot.json.", "access log"), // structured logging's JSON writer
            Map.entry("org.slf4j.", "access log"),
            Map.entry("io.micrometer.tracing.", "tracing"),
            Map.entry("io.opentelemetry.", "tracing"),
            Map.entry("org.springframework.http.server.observation.", "observation and metrics"),
            Map.entry("org.springframework.web.filter.ServerHttpObservationFilter", "observation and metrics"),
            Map.entry("org.springframework.http.client.observation.", "observation and metrics"),
            Map.entry("io.micrometer.", "observation and metrics"),
            Map.entry("io.prometheus.", "observation and metrics"),
            Map.entry("io.github.bucket4j.", "rate limiter"),
            Map.entry("io.tabelogo.platform.ratelimit.", "rate limiter"),
            Map.entry("io.lettuce.", "Redis client"),
            Map.entry("org.springframework.data.redis.", "Redis client"),
            Map.entry("org.springframework.security.", "security chain"),
            Map.entry("org.springframework.http.HttpHeaders", "header handling"),
            Map.entry("org.springframework.util.LinkedCaseInsensitiveMap", "header handling"),
            Map.entry("org.springframework.util.LinkedMultiValueMap", "header handling"),
            Map.entry("org.apache.hc.", "HTTP client"),
            Map.entry("org.springframework.http.client.", "HTTP client"),
            Map.entry("org.springframework.web.client.", "HTTP client"),
            Map.entry("jakarta.servlet.", "request/response wrappers"),
            Map.entry("tools.jackson.", "JSON"),
            Map.entry("com.fasterxml.jackson.", "JSON"),
            Map.entry("org.apache.catalina.", "engine (Tomcat)"),
            Map.entry("org.apache.coyote.", "engine (Tomcat)"),
            Map.entry("org.apache.tomcat.", "engine (Tomcat)"),
            Map.entry("io.netty.", "engine (Netty)"),
            Map.entry("reactor.", "engine (Netty)"),
            Map.entry("org.springframework.cloud.gateway.", "gateway routing"),
            Map.entry("org.springframework.web.", "Spring MVC"),
            Map.entry("org.springframework.", "Spring (other)"),
            Map.entry("com.github.benmanes.caffeine.", "service code and caches"),
            Map.entry("io.tabelogo.", "service code and caches"),
            Map.entry("io.github.resilience4j.", "breakers"));

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java JfrConcerns.java <recording.jfr>");
            System.exit(2);
        }
        Map<String, Integer> samples = new TreeMap<>();
        int total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples.merge(concern(event.getStackTrace().getFrames()), 1, Integer::sum);
            total++;
        }
        if (total == 0) {
            System.err.println("no execution samples in " + args[0]);
            System.exit(1);
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        samples.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        System.out.printf("%d execution samples%n", total);
        for (var entry : sorted.entrySet()) {
            System.out.printf("  %-26s %5.1f %%%n", entry.getKey(), 100.0 * entry.getValue() / total);
        }
    }

    private static String concern(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) { // innermost first
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
                continue;
            }
            for (var rule : CONCERNS) {
                if (type.startsWith(rule.getKey())) {
                    return rule.getValue();
                }
            }
            return "other libraries";
        }
        return "JDK (no caller outside it)";
    }
}
