package io.tabelogo.platformtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Another instance of the application under test, as a second replica would be: on random HTTP and gRPC ports,
 * with the named settings of the test's own context (its database, Redis, fakes) and the given changes. Settings
 * go in as command-line arguments, which outrank application.yaml as the test's own properties do.
 */
public final class SecondInstance {

    private SecondInstance() {}

    public static ConfigurableApplicationContext start(
            Class<?> application, Environment environment, List<String> shared, Map<String, String> changed) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", "0");
        settings.put("spring.grpc.server.port", "0");
        shared.forEach(name -> settings.put(name, environment.getProperty(name, "")));
        settings.putAll(changed);
        List<String> arguments = new ArrayList<>();
        settings.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new SpringApplicationBuilder(application).run(arguments.toArray(String[]::new));
    }
}
