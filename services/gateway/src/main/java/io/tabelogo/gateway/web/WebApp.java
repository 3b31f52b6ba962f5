package io.tabelogo.gateway.web;

import java.time.Duration;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.EncodedResourceResolver;

/**
 * The web app (module {@code web}, its jar's {@code static/}) at {@code /}: each of its routes answers
 * {@code index.html}, never cached, so a deep link or a reload opens the app and a new release is picked up at once;
 * the hashed assets are cached for a year as immutable, served from their brotli or gzip copy when the browser
 * accepts one. {@code /app-config.json} tells the app where its map tiles come from.
 */
@RestController
class WebApp implements WebMvcConfigurer {

    private static final Resource INDEX = new ClassPathResource("static/index.html");

    private final WebAppSettings settings;

    WebApp(WebAppSettings settings) {
        this.settings = settings;
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/assets/**")
                .addResourceLocations("classpath:/static/assets/")
                .setCacheControl(
                        CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .resourceChain(true)
                .addResolver(new EncodedResourceResolver());
    }

    /** The app's routes (web/src/App.tsx): anything else stays a 404 problem. */
    @GetMapping(
            value = {"/", "/restaurants/{id}", "/favorites", "/account", "/account/{page}"},
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> app() {
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(INDEX);
    }

    @GetMapping(value = "/app-config.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, String>> config() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .body(Map.of("tile_url", settings.tileUrl(), "tile_attribution", settings.tileAttribution()));
    }
}
