package io.tabelogo.auth.session;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Ending sessions: their refresh tokens stop working, and their access tokens are refused here at once. */
@Service
public class Logout {

    private final Sessions sessions;
    private final Clock clock;

    Logout(Sessions sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Transactional
    public void session(UUID sessionId) {
        sessions.revoke(List.of(sessionId), clock.instant());
    }

    @Transactional
    public void everySession(UUID userId) {
        sessions.revoke(sessions.activeOldestFirst(userId, clock.instant()), clock.instant());
    }
}
