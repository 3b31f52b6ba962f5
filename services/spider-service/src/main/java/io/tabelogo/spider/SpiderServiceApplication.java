package io.tabelogo.spider;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Tabelog scrape jobs of Tabelogo: durable jobs, a polite and protected scraper, live progress, events. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SpiderServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SpiderServiceApplication.class, args);
    }
}
