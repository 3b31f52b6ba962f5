package io.tabelogo.platform.secrets;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * With the {@code prod} profile (every shipped cluster and cloud deployment turns it on), refuses to start while a
 * secret the service uses is missing, a development value or too weak, naming each setting and what is wrong with
 * it, never its value. Runs after every configuration source (files, Secrets Manager, Vault) has been read.
 */
public class ProductionSecrets implements EnvironmentPostProcessor, Ordered {

    static final String PROFILE = "prod";

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles(PROFILE)) {
            return;
        }
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new UnsafeSecretsException(problems);
        }
    }

    static List<String> problems(ConfigurableEnvironment environment) {
        List<String> problems = new ArrayList<>();
        if (hasText(environment.getProperty("spring.datasource.url"))) {
            check(problems, "TABELOGO_DB_PASSWORD", environment.getProperty("spring.datasource.password"));
            if ("postgres".equals(environment.getProperty("spring.datasource.username"))) {
                problems.add("TABELOGO_DB_USER: the development default \"postgres\", a superuser; give the service"
                        + " its own role");
            }
        }
        redisPassword(problems, "TABELOGO_REDIS_URL", environment.getProperty("spring.data.redis.url"));
        redisPassword(problems, "TABELOGO_SHARED_REDIS_URL", environment.getProperty("tabelogo.redis.shared-url"));
        // auth-service declares it; no other service has signing keys.
        if (environment.containsProperty("tabelogo.auth.tokens.key-password")) {
            check(problems, "TABELOGO_AUTH_KEY_PASSWORD", environment.getProperty("tabelogo.auth.tokens.key-password"));
        }
        String[] clients = environment
                .getProperty("tabelogo.auth.service-tokens.clients", "")
                .split(",");
        for (int i = 0; i < clients.length; i++) {
            String client = clients[i].strip();
            int colon = client.indexOf(':');
            if (client.isEmpty()) {
                continue;
            }
            if (colon <= 0) {
                // Without its colon an entry may be a bare secret: say where it is, never what it holds.
                problems.add("TABELOGO_SERVICE_CLIENTS: entry " + (i + 1) + " is not client-id:secret");
            } else {
                check(
                        problems,
                        "TABELOGO_SERVICE_CLIENTS ("
                                + client.substring(0, colon).strip() + "'s secret)",
                        client.substring(colon + 1).strip());
            }
        }
        optional(
                problems, "TABELOGO_SERVICE_SECRET", environment.getProperty("tabelogo.security.service-token.secret"));
        String admin = environment.getProperty("tabelogo.auth.admin.password");
        if (hasText(admin)) {
            SecretStrength.PERSON
                    .problem(admin)
                    .ifPresent(problem -> problems.add("TABELOGO_ADMIN_PASSWORD: " + problem));
        }
        return problems;
    }

    private static void check(List<String> problems, String name, String value) {
        SecretStrength.MACHINE.problem(value).ifPresent(problem -> problems.add(name + ": " + problem));
    }

    private static void optional(List<String> problems, String name, String value) {
        if (hasText(value)) {
            check(problems, name, value);
        }
    }

    private static void redisPassword(List<String> problems, String name, String url) {
        if (!hasText(url)) {
            problems.add(name + ": missing");
            return;
        }
        Optional<String> password;
        try {
            password = password(new URI(url).getUserInfo());
        } catch (URISyntaxException e) {
            // The parser's message quotes the input, which holds the password: say only where it failed.
            problems.add(name + ": not a URL (at character " + e.getIndex() + ")");
            return;
        }
        password.ifPresentOrElse(
                value -> check(problems, name + " (its password)", value),
                () -> problems.add(name + ": carries no password (redis[s]://<user>:<password>@<host>:<port>/<db>)"));
    }

    /**
     * The password in a Redis URL's user information as Spring Boot and Lettuce read it: after the colon of
     * "user:password", or all of it without a colon; empty when there is none.
     */
    private static Optional<String> password(String userInfo) {
        if (userInfo == null) {
            return Optional.empty();
        }
        String password = userInfo.substring(userInfo.indexOf(':') + 1);
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
