package io.tabelogo.auth.session;

import java.time.Instant;
import java.util.UUID;

/** An open session as its owner sees it in the session list. */
public record SessionView(
        UUID id, String deviceInfo, String ipAddress, Instant createdAt, Instant lastActiveAt, Instant expiresAt) {}
