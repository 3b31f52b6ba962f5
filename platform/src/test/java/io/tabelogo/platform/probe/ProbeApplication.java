package io.tabelogo.platform.probe;

import io.tabelogo.platform.security.AuthorizationRules;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A tiny service standing in for a real one in the platform's tests (and runnable against a throwaway database). */
@SpringBootApplication
public class ProbeApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProbeApplication.class, args);
    }

    @Bean
    AuthorizationRules probeRules() {
        return requests -> requests.requestMatchers("/probe/me")
                .authenticated()
                .requestMatchers("/probe/admin")
                .hasRole("admin")
                .requestMatchers("/probe/**")
                .permitAll();
    }
}
