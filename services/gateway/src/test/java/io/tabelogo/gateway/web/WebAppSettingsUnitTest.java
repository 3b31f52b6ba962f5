package io.tabelogo.gateway.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Pure logic: the tile URL's origin must be among the CSP's image sources, or the map stays blank. */
class WebAppSettingsUnitTest {

    @Test
    void theTilesOriginMustBeAllowed() {
        assertThatCode(() -> new WebAppSettings(
                        "https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© OSM", "https://tile.openstreetmap.org"))
                .doesNotThrowAnyException();
        assertThatCode(() -> new WebAppSettings(
                        "https://{s}.tiles.example.com/{z}/{x}/{y}.png",
                        "x",
                        "https://cdn.example.com https://*.tiles.example.com"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> new WebAppSettings(
                        "https://tiles.example.com/{z}/{x}/{y}.png", "x", "https://tile.openstreetmap.org"))
                .hasMessageContaining("must allow https://tiles.example.com");
        assertThatThrownBy(() -> new WebAppSettings("javascript:alert(1)/{z}", "x", "javascript:"))
                .hasMessageContaining("http(s) URL template");
    }
}
