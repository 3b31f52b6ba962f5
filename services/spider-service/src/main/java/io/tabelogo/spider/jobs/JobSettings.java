package io.tabelogo.spider.jobs;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Job processing ({@code tabelogo.spider.*}).
 *
 * @param workers jobs this replica runs at once
 * @param pollInterval how often an idle worker looks for jobs (a job submitted here wakes one at once)
 * @param lease how long a claimed job stays with its worker without news; renewed every third of it, so a job
 *     whose replica died is claimed again this long after its last renewal
 * @param maxAttempts claims after which a job that keeps losing its worker is failed instead of tried again
 * @param streamPoll how often an SSE stream looks at its job
 * @param streamHeartbeat comment lines that keep idle SSE connections open through proxies
 * @param streamMaxDuration an SSE stream is closed after this long whatever the job's state
 * @param activeJobsPerUser new jobs a user may have PENDING or RUNNING at once (joining another's job is free)
 * @param jobsPerHourPerUser new jobs a user may start in any hour
 * @param streamsPerUser SSE streams a user may have open at once, across all replicas
 * @param keepFinished how long a COMPLETED or FAILED job is kept (once its event was delivered); older ones are
 *     deleted by the retention clean-up
 */
@ConfigurationProperties("tabelogo.spider")
@Validated
public record JobSettings(
        @Min(1) @Max(64) @DefaultValue("4") int workers,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("60s") Duration lease,
        @Min(1) @DefaultValue("3") int maxAttempts,
        @DefaultValue("500ms") Duration streamPoll,
        @DefaultValue("15s") Duration streamHeartbeat,
        @DefaultValue("5m") Duration streamMaxDuration,
        @Min(1) @DefaultValue("3") int activeJobsPerUser,
        @Min(1) @DefaultValue("30") int jobsPerHourPerUser,
        @Min(1) @DefaultValue("5") int streamsPerUser,
        @DefaultValue("30d") Duration keepFinished) {}
