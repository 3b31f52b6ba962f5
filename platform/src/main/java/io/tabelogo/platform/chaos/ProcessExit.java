package io.tabelogo.platform.chaos;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How the chaos API's restart ends this process, shortly after answering: gracefully as on SIGTERM (the application
 * context closes: requests drain, work in hand is given back) or abruptly as a crash (no cleanup at all). Whatever
 * runs the service starts it again: Kubernetes, ECS, the devstack's supervisor. Tests replace this bean.
 */
public class ProcessExit {

    private static final Logger log = LoggerFactory.getLogger(ProcessExit.class);
    /** Time for the API's answer to leave before the process ends. */
    static final Duration DELAY = Duration.ofMillis(500);

    private final ConfigurableApplicationContext context;

    public ProcessExit(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** Ends the process after {@link #DELAY}, on a thread of its own. */
    public void exit(boolean graceful) {
        Thread.ofPlatform().name("chaos-exit").daemon(false).start(() -> {
            try {
                Thread.sleep(DELAY);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            if (graceful) {
                log.warn("Chaos restart: stopping gracefully now");
                System.exit(SpringApplication.exit(context));
            } else {
                log.warn("Chaos restart: crashing now (no shutdown)");
                Runtime.getRuntime().halt(137); // as when killed: 128 + SIGKILL
            }
        });
    }
}
