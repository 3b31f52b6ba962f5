package io.tabelogo.spider.outbox;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.PendingMessages;
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * What the stream's consumer groups did with a published event, read from Redis itself: its entry, each group's
 * last delivered entry and its pending (delivered, unacknowledged) entries. The stream carries an epoch key, a
 * random marker set when the stream is first used: a Redis that restarted without its data has lost the marker
 * with the stream, so events published under an older epoch are known to be gone even once the stream has refilled.
 */
final class StreamDeliveries {

    enum Fate {
        /** Every group read and acknowledged it. */
        TAKEN,
        /** Still on the stream for a group to read, or read and not yet acknowledged (the consumer retries). */
        UNDER_WAY,
        /** Gone from the stream before some group read it: publish it again. */
        LOST
    }

    private final StringRedisTemplate redis;
    private final String stream;
    private final String epochKey;
    private final List<String> groups;

    StreamDeliveries(StringRedisTemplate redis, String stream, List<String> groups) {
        this.redis = redis;
        this.stream = stream;
        this.epochKey = stream + ":epoch";
        this.groups = List.copyOf(groups);
    }

    /** The stream's epoch, set now if Redis has none (first use, or it lost its data). */
    String epoch() {
        redis.opsForValue().setIfAbsent(epochKey, UUID.randomUUID().toString());
        return redis.opsForValue().get(epochKey);
    }

    /** One look at the stream and its groups, for a batch of events. */
    Round round() {
        String epoch = epoch();
        Map<String, String> lastDelivered = new HashMap<>();
        if (Boolean.TRUE.equals(redis.hasKey(stream))) {
            StreamInfo.XInfoGroups info = redis.opsForStream().groups(stream);
            info.forEach(group -> lastDelivered.put(group.groupName(), group.lastDeliveredId()));
        }
        return new Round(epoch, lastDelivered);
    }

    final class Round {

        private final String epoch;
        private final Map<String, String> lastDelivered;

        private Round(String epoch, Map<String, String> lastDelivered) {
            this.epoch = epoch;
            this.lastDelivered = lastDelivered;
        }

        String epoch() {
            return epoch;
        }

        Fate fate(String entryId, String publishedInEpoch) {
            if (entryId == null || !epoch.equals(publishedInEpoch)) {
                return Fate.LOST;
            }
            Boolean onStream = null;
            for (String group : groups) {
                String last = lastDelivered.get(group);
                if (last != null && compare(entryId, last) <= 0) { // the group has read it
                    if (pending(group, entryId)) {
                        return Fate.UNDER_WAY;
                    }
                } else { // not read by the group yet: fine while it is still there to be read
                    if (onStream == null) {
                        onStream = !redis.opsForStream()
                                .range(stream, Range.closed(entryId, entryId))
                                .isEmpty();
                    }
                    if (!onStream) {
                        return Fate.LOST;
                    }
                    return Fate.UNDER_WAY;
                }
            }
            return Fate.TAKEN;
        }

        private boolean pending(String group, String entryId) {
            PendingMessages pending = redis.opsForStream().pending(stream, group, Range.closed(entryId, entryId), 1);
            return !pending.isEmpty();
        }
    }

    /** Orders stream entry ids ({@code <milliseconds>-<sequence>}). */
    static int compare(String a, String b) {
        String[] left = a.split("-", 2);
        String[] right = b.split("-", 2);
        int byTime = Long.compare(Long.parseLong(left[0]), Long.parseLong(right[0]));
        if (byTime != 0) {
            return byTime;
        }
        return Long.compare(
                left.length > 1 ? Long.parseLong(left[1]) : 0, right.length > 1 ? Long.parseLong(right[1]) : 0);
    }
}
