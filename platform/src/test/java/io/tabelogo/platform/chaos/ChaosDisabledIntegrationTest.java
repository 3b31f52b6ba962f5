package io.tabelogo.platform.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.tabelogo.platform.PlatformIntegrationTest;
import io.tabelogo.platform.TestTokens;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** Chaos is off unless enabled: no API, not even for an administrator, and no hook anywhere. */
class ChaosDisabledIntegrationTest extends PlatformIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void withoutTheSwitchThereIsNoChaosApiAndNoHook() {
        String admin = "Bearer " + TestTokens.valid("admin-1", "admin");

        assertThat(get("/api/v1/chaos", "Authorization", admin).statusCode()).isEqualTo(404);
        assertThat(put("/api/v1/chaos/faults/redis-down", "{}", "Authorization", admin)
                        .statusCode())
                .isEqualTo(404);
        assertThat(post("/api/v1/chaos/restart", "application/json", "{}", "Authorization", admin)
                        .statusCode())
                .isEqualTo(404);
        assertThat(context.getBeansOfType(ChaosFaults.class)).isEmpty();
        assertThat(context.getBeansOfType(ProcessExit.class)).isEmpty();
        assertThat(context.getBeansOfType(QueryExecutionListener.class).values())
                .noneMatch(listener -> listener instanceof SqlDelay);
        assertThat(get("/probe/upstream").statusCode()).isEqualTo(200);
    }
}
