package io.tabelogo.auth.token;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signing keys are replaced on a schedule ({@code tabelogo.auth.key-rotation.interval}, 30 days: checked hourly,
 * one replica rotates) and on an administrator's demand ({@code POST /api/v1/auth/keys/rotate}, e.g. after a
 * suspected leak). A retired key stays published until the tokens it signed have expired, so rotating never logs
 * anyone out. {@code auth_signing_key_rotations_total{trigger=schedule|admin}}.
 */
@RestController
class KeyRotation {

    /** @param interval the age at which the active signing key is replaced */
    @ConfigurationProperties("tabelogo.auth.key-rotation")
    record Settings(@DefaultValue("30d") Duration interval) {}

    record Rotated(String kid) {}

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final SigningKeys keys;
    private final Settings settings;
    private final Counter scheduled;
    private final Counter demanded;

    KeyRotation(SigningKeys keys, Settings settings, MeterRegistry meters) {
        this.keys = keys;
        this.settings = settings;
        this.scheduled = counter(meters, "schedule");
        this.demanded = counter(meters, "admin");
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void onSchedule() {
        keys.rotateIfOlderThan(settings.interval()).ifPresent(key -> {
            scheduled.increment();
            log.info("Signing key rotated on schedule: {} signs from now on", key.getKeyID());
        });
    }

    @PostMapping("/api/v1/auth/keys/rotate")
    Rotated rotate() {
        String kid = keys.rotate().getKeyID();
        demanded.increment();
        log.warn("Signing key rotated by an administrator: {} signs from now on", kid);
        return new Rotated(kid);
    }

    private static Counter counter(MeterRegistry meters, String trigger) {
        return Counter.builder("auth.signing.key.rotations")
                .description("Signing keys replaced, by what asked for it")
                .tag("trigger", trigger)
                .register(meters);
    }
}
