package io.tabelogo.auth.session;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Listing and ending sessions: ended ones' refresh tokens stop working, their access tokens are refused here. */
@Service
public class Logout {

    private final Sessions sessions;
    private final SessionRevocation revocation;
    private final Clock clock;

    Logout(Sessions sessions, SessionRevocation revocation, Clock clock) {
        this.sessions = sessions;
        this.revocation = revocation;
        this.clock = clock;
    }

    @Transactional
    public void session(UUID sessionId) {
        revocation.revoke(List.of(sessionId), clock.instant());
    }

    /** Ends one of the user's own open sessions; false when there is no such session of theirs. */
    @Transactional
    public boolean ownSession(UUID userId, UUID sessionId) {
        boolean own = sessions.openSessions(userId, clock.instant()).stream()
                .anyMatch(session -> session.id().equals(sessionId));
        if (own) {
            revocation.revoke(List.of(sessionId), clock.instant());
        }
        return own;
    }

    public List<SessionView> openSessions(UUID userId) {
        return sessions.openSessions(userId, clock.instant());
    }

    @Transactional
    public void everySession(UUID userId) {
        revocation.revoke(sessions.activeOldestFirst(userId, clock.instant()), clock.instant());
    }
}
