package io.tabelogo.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The bench's bare Spring Cloud Gateway Server WebFlux (reactive, Netty): its one route ({@code application.yaml}) sends everything to {@code BENCH_UPSTREAM}. */
@SpringBootApplication
public class BareGatewayWebFlux {

    public static void main(String[] args) {
        SpringApplication.run(BareGatewayWebFlux.class, args);
    }
}
