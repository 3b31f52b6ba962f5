package io.tabelogo.spider.jobs;

import io.tabelogo.platform.jdbc.RetentionRule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Finished jobs go after {@code keepFinished}, but never while their event is still in the outbox. */
@Configuration(proxyBeanMethods = false)
class JobRetention {

    @Bean
    @Order(2)
    RetentionRule finishedJobs(JobSettings settings) {
        return new RetentionRule(
                "finished_jobs",
                "scrape_jobs",
                "status IN ('COMPLETED', 'FAILED') AND completed_at < :cutoff "
                        + "AND NOT EXISTS (SELECT 1 FROM scrape_outbox o WHERE o.job_id = scrape_jobs.id)",
                settings.keepFinished());
    }
}
