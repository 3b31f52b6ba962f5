package io.tabelogo.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bench's "bare Spring Boot endpoint": {@code GET /api/v1/restaurants/{id}} answers the bytes of the file named
 * by {@code BENCH_BODY_FILE} (the same answer nginx serves in the run) as JSON, with nothing else around it.
 */
@SpringBootApplication
@RestController
public class BareEndpoint {

    private final byte[] body;

    BareEndpoint() throws IOException {
        this.body = Files.readAllBytes(Path.of(System.getenv("BENCH_BODY_FILE")));
    }

    @GetMapping("/api/v1/restaurants/{id}")
    ResponseEntity<byte[]> restaurant(@PathVariable String id) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    public static void main(String[] args) {
        SpringApplication.run(BareEndpoint.class, args);
    }
}
