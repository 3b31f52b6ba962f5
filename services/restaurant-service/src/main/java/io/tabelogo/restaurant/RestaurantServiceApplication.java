package io.tabelogo.restaurant;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Restaurants and favourites of Tabelogo: quick search through map-service, Tabelog enrichment, a read cache built to survive Redis and database trouble. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class RestaurantServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RestaurantServiceApplication.class, args);
    }
}
