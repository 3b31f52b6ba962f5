package io.tabelogo.spider.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.tabelogo.api.spider.v1.GetJobRequest;
import io.tabelogo.api.spider.v1.GetJobResponse;
import io.tabelogo.api.spider.v1.GetRestaurantPhotosRequest;
import io.tabelogo.api.spider.v1.GetRestaurantPhotosResponse;
import io.tabelogo.api.spider.v1.Job;
import io.tabelogo.api.spider.v1.JobStatus;
import io.tabelogo.api.spider.v1.SearchSimilarRestaurantsRequest;
import io.tabelogo.api.spider.v1.SearchSimilarRestaurantsResponse;
import io.tabelogo.api.spider.v1.SpiderServiceGrpc;
import io.tabelogo.api.spider.v1.TabelogRestaurant;
import io.tabelogo.platform.error.ApiException;
import io.tabelogo.platform.error.ApiException.FieldProblem;
import io.tabelogo.platform.grpc.GrpcCaller;
import io.tabelogo.spider.SpiderErrorCodes;
import io.tabelogo.spider.jobs.CachedResults;
import io.tabelogo.spider.jobs.ScrapeJob;
import io.tabelogo.spider.jobs.ScrapeRequest;
import io.tabelogo.spider.jobs.Scrapes;
import io.tabelogo.spider.scraper.ScrapeFailed;
import io.tabelogo.spider.scraper.TabelogScraper;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * {@code spider.v1.SpiderService} over the same use cases as HTTP: SearchSimilarRestaurants answers from the
 * result cache or queues (or joins) a job to follow with GetJob; GetRestaurantPhotos reads one restaurant's photo
 * page through the same rate limit and circuit breaker. Failures are {@code ApiException}s the platform maps to
 * statuses.
 */
@Service
class SpiderGrpcService extends SpiderServiceGrpc.SpiderServiceImplBase {

    private final Scrapes scrapes;
    private final TabelogScraper scraper;

    SpiderGrpcService(Scrapes scrapes, TabelogScraper scraper) {
        this.scrapes = scrapes;
        this.scraper = scraper;
    }

    @Override
    public void searchSimilarRestaurants(
            SearchSimilarRestaurantsRequest request, StreamObserver<SearchSimilarRestaurantsResponse> response) {
        var submission = scrapes.submit(
                new ScrapeRequest(
                        request.getGoogleId(),
                        request.getPlaceName(),
                        request.getPlaceNameJa(),
                        request.getArea(),
                        request.getMaxResults() == 0 ? null : request.getMaxResults()),
                // On a user's behalf (their token passed on) the job counts against their quotas.
                GrpcCaller.current().flatMap(GrpcCaller::userId).orElse(null));
        var answer = SearchSimilarRestaurantsResponse.newBuilder()
                .setGoogleId(request.getGoogleId().strip());
        switch (submission) {
            case Scrapes.Submission.Cached(CachedResults cached) ->
                answer.setFromCache(true)
                        .addAllRestaurants(restaurants(cached.restaurants()))
                        .setTotalFound(cached.totalFound())
                        .setCachedAt(timestamp(cached.cachedAt()));
            case Scrapes.Submission.Queued(ScrapeJob job) ->
                answer.setFromCache(false).setJobId(job.id().toString()).setStatus(status(job));
        }
        response.onNext(answer.build());
        response.onCompleted();
    }

    @Override
    public void getRestaurantPhotos(
            GetRestaurantPhotosRequest request, StreamObserver<GetRestaurantPhotosResponse> response) {
        String link = request.getTabelogLink().strip();
        if (!scraper.isTabelogPage(link)) {
            throw ApiException.validation(
                    "The link is not a Tabelog restaurant page.",
                    List.of(new FieldProblem("tabelog_link", "must be a restaurant page on Tabelog")));
        }
        try {
            List<String> photos = scraper.photos(link);
            response.onNext(GetRestaurantPhotosResponse.newBuilder()
                    .addAllPhotos(photos)
                    .build());
            response.onCompleted();
        } catch (ScrapeFailed failed) {
            throw ApiException.unavailable(SpiderErrorCodes.TABELOG_UNAVAILABLE, failed.getMessage(), 30, failed);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            response.onError(
                    Status.CANCELLED.withDescription("the service is stopping").asException());
        }
    }

    @Override
    public void getJob(GetJobRequest request, StreamObserver<GetJobResponse> response) {
        ScrapeJob job = scrapes.job(Scrapes.jobId("job_id", request.getJobId()));
        var message = Job.newBuilder()
                .setJobId(job.id().toString())
                .setGoogleId(job.googleId())
                .setStatus(status(job))
                .setCreatedAt(timestamp(job.createdAt()));
        if (job.results() != null) {
            message.addAllResults(restaurants(job.results()));
        }
        if (job.error() != null) {
            message.setError(job.error());
        }
        if (job.startedAt() != null) {
            message.setStartedAt(timestamp(job.startedAt()));
        }
        if (job.completedAt() != null) {
            message.setCompletedAt(timestamp(job.completedAt()));
        }
        if (job.duration() != null) {
            message.setDuration(com.google.protobuf.Duration.newBuilder()
                    .setSeconds(job.duration().getSeconds())
                    .setNanos(job.duration().getNano()));
        }
        response.onNext(GetJobResponse.newBuilder().setJob(message).build());
        response.onCompleted();
    }

    private static JobStatus status(ScrapeJob job) {
        return switch (job.status()) {
            case PENDING -> JobStatus.JOB_STATUS_PENDING;
            case RUNNING -> JobStatus.JOB_STATUS_RUNNING;
            case COMPLETED -> JobStatus.JOB_STATUS_COMPLETED;
            case FAILED -> JobStatus.JOB_STATUS_FAILED;
        };
    }

    private static List<TabelogRestaurant> restaurants(List<io.tabelogo.spider.scraper.TabelogRestaurant> found) {
        return found.stream().map(SpiderGrpcService::restaurant).toList();
    }

    private static TabelogRestaurant restaurant(io.tabelogo.spider.scraper.TabelogRestaurant found) {
        var message = TabelogRestaurant.newBuilder()
                .setLink(found.link())
                .setName(found.name())
                .addAllTypes(found.types())
                .addAllPhotos(found.photos());
        if (found.rating() != null) {
            message.setRating(found.rating());
        }
        if (found.ratingCount() != null) {
            message.setRatingCount(found.ratingCount());
        }
        if (found.bookmarks() != null) {
            message.setBookmarks(found.bookmarks());
        }
        if (found.phone() != null) {
            message.setPhone(found.phone());
        }
        return message.build();
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder()
                .setSeconds(at.getEpochSecond())
                .setNanos(at.getNano())
                .build();
    }
}
