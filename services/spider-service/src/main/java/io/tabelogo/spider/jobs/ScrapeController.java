package io.tabelogo.spider.jobs;

import io.tabelogo.spider.scraper.TabelogRestaurant;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The service's HTTP API: ask for a place's Tabelog restaurants, then follow the job by polling or by SSE. */
@RestController
@RequestMapping("/api/v1/spider")
class ScrapeController {

    private final Scrapes scrapes;
    private final JobStreams streams;

    ScrapeController(Scrapes scrapes, JobStreams streams) {
        this.scrapes = scrapes;
        this.streams = streams;
    }

    /** 200 with cached results, or 202 with the job (new or the place's running one) and its address. */
    @PostMapping(path = "/scrape", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> scrape(@RequestBody ScrapeRequest request, @AuthenticationPrincipal Jwt user) {
        return switch (scrapes.submit(request, user.getSubject())) {
            case Scrapes.Submission.Cached(CachedResults cached) ->
                ResponseEntity.ok(new FromCache(
                        cached.googleId(), cached.restaurants(), cached.totalFound(), true, cached.cachedAt()));
            case Scrapes.Submission.Queued(ScrapeJob job) ->
                ResponseEntity.status(HttpStatus.ACCEPTED)
                        .location(URI.create("/api/v1/spider/jobs/" + job.id()))
                        .body(new Accepted(job.id().toString(), job.status()));
        };
    }

    @GetMapping("/jobs/{id}")
    JobView job(@PathVariable String id) {
        return JobView.of(scrapes.job(Scrapes.jobId("id", id)));
    }

    @GetMapping(path = "/jobs/{id}/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    ResponseEntity<SseEmitter> stream(@PathVariable String id, @AuthenticationPrincipal Jwt user) {
        SseEmitter emitter = streams.follow(Scrapes.jobId("id", id), user.getSubject());
        // Proxies (nginx) must pass events on as they come.
        return ResponseEntity.ok()
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no")
                .body(emitter);
    }

    record FromCache(
            String googleId,
            List<TabelogRestaurant> restaurants,
            int totalFound,
            boolean fromCache,
            Instant cachedAt) {}

    record Accepted(String jobId, JobStatus status) {}
}
