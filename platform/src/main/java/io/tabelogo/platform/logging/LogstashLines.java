package io.tabelogo.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.ContextPairs;
import org.springframework.boot.logging.structured.JsonWriterStructuredLogFormatter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Every service's JSON log line: Spring Boot's logstash layout, member for member (and the
 * {@code logging.structured.json.*} renames and additions), written in one pass. Spring Boot's own logstash
 * formatter encodes each JSON fragment separately through an unbuffered {@code OutputStreamWriter}, which made the
 * access log the largest cost of a cached read (bench/README.md); here the line is built as text and encoded once.
 * {@code LogstashLinesTest} holds it to the same output as Spring Boot's.
 */
public class LogstashLines extends JsonWriterStructuredLogFormatter<ILoggingEvent> {

    private static final JsonWriter.PairExtractor<KeyValuePair> KEY_VALUE =
            JsonWriter.PairExtractor.of(pair -> pair.key, pair -> pair.value);

    public LogstashLines(
            ContextPairs contextPairs,
            ThrowableProxyConverter throwables,
            StructuredLoggingJsonMembersCustomizer<?> customizer) {
        super(members -> members(members, contextPairs, throwables), customizer);
    }

    @Override
    public byte[] formatAsBytes(ILoggingEvent event, Charset charset) {
        return format(event).getBytes(charset);
    }

    private static void members(
            JsonWriter.Members<ILoggingEvent> members, ContextPairs contextPairs, ThrowableProxyConverter throwables) {
        members.add("@timestamp", ILoggingEvent::getInstant).as(LogstashLines::timestamp);
        members.add("@version", "1");
        members.add("message", ILoggingEvent::getFormattedMessage);
        members.add("logger_name", ILoggingEvent::getLoggerName);
        members.add("thread_name", ILoggingEvent::getThreadName);
        members.add("level", ILoggingEvent::getLevel);
        members.add("level_value", ILoggingEvent::getLevel).as(Level::toInt);
        members.add().usingPairs(contextPairs.flat("_", pairs -> {
            pairs.addMapEntries(ILoggingEvent::getMDCPropertyMap);
            pairs.add(ILoggingEvent::getKeyValuePairs, KEY_VALUE);
        }));
        members.add("tags", ILoggingEvent::getMarkerList)
                .whenNotNull()
                .as(LogstashLines::markerNames)
                .whenNotEmpty();
        members.add("stack_trace", event -> event)
                .whenNotNull(ILoggingEvent::getThrowableProxy)
                .as(throwables::convert);
    }

    private static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(instant, ZoneId.systemDefault()));
    }

    private static Set<String> markerNames(List<Marker> markers) {
        Set<String> names = new LinkedHashSet<>();
        addNames(names, markers.iterator());
        return names;
    }

    private static void addNames(Set<String> names, Iterator<Marker> markers) {
        while (markers.hasNext()) {
            Marker marker = markers.next();
            names.add(marker.getName());
            if (marker.hasReferences()) {
                addNames(names, marker.iterator());
            }
        }
    }
}
