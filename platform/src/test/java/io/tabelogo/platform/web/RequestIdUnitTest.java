package io.tabelogo.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdUnitTest {

    @Test
    void newIdsAreRandomVersion4UuidsThatDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIdFilter.newId();
            UUID uuid = UUID.fromString(id);
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void aWellFormedCallerIdIsKeptAndAnythingElseReplaced() {
        assertThat(RequestIdFilter.wellFormedOrNew("req-123_abc")).isEqualTo("req-123_abc");
        assertThat(RequestIdFilter.wellFormedOrNew("<script>"))
                .isNotEqualTo("<script>")
                .hasSize(36);
        assertThat(RequestIdFilter.wellFormedOrNew(null)).hasSize(36);
    }
}
