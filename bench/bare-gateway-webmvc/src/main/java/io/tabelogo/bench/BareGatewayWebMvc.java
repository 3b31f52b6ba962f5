package io.tabelogo.bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The bench's bare Spring Cloud Gateway Server WebMVC (servlet, Tomcat): its one route ({@code application.yaml}) sends everything to {@code BENCH_UPSTREAM}. */
@SpringBootApplication
public class BareGatewayWebMvc {

    public static void main(String[] args) {
        SpringApplication.run(BareGatewayWebMvc.class, args);
    }
}
