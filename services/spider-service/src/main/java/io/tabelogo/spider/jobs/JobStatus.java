package io.tabelogo.spider.jobs;

/** PENDING → RUNNING → COMPLETED | FAILED; a RUNNING job whose worker vanished becomes RUNNING again elsewhere. */
public enum JobStatus {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
