package io.tabelogo.auth.account;

/** An account and its password hash: only for checking a login, never sent anywhere. */
public record Credentials(User user, String passwordHash) {}
