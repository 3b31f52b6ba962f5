package io.tabelogo.auth.account;

import java.time.Instant;
import java.util.UUID;

/** What clients see of an account: never its password hash. */
public record User(UUID id, String email, String username, String role, boolean emailVerified, Instant createdAt) {}
