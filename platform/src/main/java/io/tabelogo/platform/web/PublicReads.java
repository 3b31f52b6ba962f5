package io.tabelogo.platform.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;

/**
 * HTTP caching of reads whose answer is the same for everyone (a restaurant; never a user's favourites or account):
 * a strong {@code ETag} made from the representation itself, so a client that already has it gets a 304 without the
 * body (Spring MVC answers a conditional GET of a {@code ResponseEntity} carrying an ETag by itself), and
 * {@code Cache-Control: public, max-age=…} ({@code tabelogo.http.public-max-age}) so browsers and CDNs may keep it
 * for a short time. The handler runs for a 304 as for a 200: whatever it counts (a view) is counted; a hit in a
 * browser or CDN cache never reaches the service and is not.
 */
public class PublicReads {

    private static final CacheControl ASK_EVERY_TIME = CacheControl.noCache().cachePublic();

    private final CacheControl fresh;

    public PublicReads(HttpSettings settings) {
        this.fresh = settings.publicMaxAge().isZero()
                ? ASK_EVERY_TIME
                : CacheControl.maxAge(settings.publicMaxAge()).cachePublic();
    }

    /** A 200 whose body has this {@link #etag ETag}, reusable for the configured time. */
    public ResponseEntity.BodyBuilder fresh(String etag) {
        return ResponseEntity.ok().eTag(etag).cacheControl(fresh);
    }

    /**
     * A 200 for data known to be out of date (served because its source failed): caches must ask again each time,
     * so the fresh data shows as soon as there is some.
     */
    public ResponseEntity.BodyBuilder outOfDate(String etag) {
        return ResponseEntity.ok().eTag(etag).cacheControl(ASK_EVERY_TIME);
    }

    /**
     * A strong validator of {@code representation} (the body's JSON text): the first 128 bits of its SHA-256,
     * base64url, quoted. Worth computing once per cached answer rather than per request.
     */
    public static String etag(String representation) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("SHA-256").digest(representation.getBytes(StandardCharsets.UTF_8));
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + '"';
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }
}
