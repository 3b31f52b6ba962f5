package io.tabelogo.map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Place search of Tabelogo: Google Places API (New) or the bundled offline dataset, cached and protected. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MapServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(MapServiceApplication.class, args);
    }
}
