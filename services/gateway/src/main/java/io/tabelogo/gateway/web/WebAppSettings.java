package io.tabelogo.gateway.web;

import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The web app's deployment settings, which it reads from {@code /app-config.json}.
 *
 * @param tileUrl the map's tile URL template (Leaflet's: {z}/{x}/{y}, {s} for a subdomain)
 * @param tileAttribution the attribution the tile provider requires, shown on the map
 * @param tileSources the CSP sources that allow the tiles ({@code img-src}); must cover {@code tileUrl}'s origin
 */
@Validated
@ConfigurationProperties("tabelogo.web")
public record WebAppSettings(
        @NotBlank String tileUrl,
        @NotBlank String tileAttribution,
        @NotBlank String tileSources) {

    public WebAppSettings {
        URI uri = URI.create(tileUrl.replace("{s}", "a")
                .replace("{z}", "0")
                .replace("{x}", "0")
                .replace("{y}", "0")
                .replace("{r}", ""));
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("tabelogo.web.tile-url must be an http(s) URL template: " + tileUrl);
        }
        String origin = tileUrl.substring(0, tileUrl.indexOf('/', tileUrl.indexOf("//") + 2))
                .replace("{s}", "*");
        boolean allowed = Arrays.stream(tileSources.trim().split("\\s+"))
                .anyMatch(source -> source.toLowerCase(Locale.ROOT).equals(origin.toLowerCase(Locale.ROOT)));
        if (!allowed) {
            throw new IllegalArgumentException("tabelogo.web.tile-sources (" + tileSources + ") must allow " + origin
                    + ", where tabelogo.web.tile-url loads the map's tiles from");
        }
    }
}
