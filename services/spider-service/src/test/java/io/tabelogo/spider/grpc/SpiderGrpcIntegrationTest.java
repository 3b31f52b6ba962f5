package io.tabelogo.spider.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.tabelogo.api.spider.v1.GetJobRequest;
import io.tabelogo.api.spider.v1.GetRestaurantPhotosRequest;
import io.tabelogo.api.spider.v1.Job;
import io.tabelogo.api.spider.v1.JobStatus;
import io.tabelogo.api.spider.v1.SearchSimilarRestaurantsRequest;
import io.tabelogo.api.spider.v1.SearchSimilarRestaurantsResponse;
import io.tabelogo.api.spider.v1.SpiderServiceGrpc;
import io.tabelogo.api.spider.v1.TabelogRestaurant;
import io.tabelogo.platform.grpc.GrpcCredentials;
import io.tabelogo.platform.grpc.GrpcStatusMapping;
import io.tabelogo.spider.SpiderServiceIntegrationTest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/** {@code spider.v1.SpiderService} over a real channel. */
class SpiderGrpcIntegrationTest extends SpiderServiceIntegrationTest {

    @Autowired
    GrpcServerLifecycle grpcServer;

    private ManagedChannel channel;
    private SpiderServiceGrpc.SpiderServiceBlockingStub spider;

    @BeforeEach
    void connect() {
        channel = Grpc.newChannelBuilderForAddress(
                        "127.0.0.1", grpcServer.getPort(), InsecureChannelCredentials.create())
                .build();
        spider = SpiderServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcCredentials.token(TOKENS.serviceToken("restaurant-service", "spider-service")))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    @Test
    void aSearchQueuesAJobThatGetJobFollowsThenTheCacheAnswers() {
        String googleId = newPlaceId();
        String nameJa = "一蘭 " + UUID.randomUUID();
        var request = SearchSimilarRestaurantsRequest.newBuilder()
                .setGoogleId(googleId)
                .setArea("Shibuya")
                .setPlaceName("Ichiran")
                .setPlaceNameJa(nameJa)
                .setMaxResults(3)
                .build();

        SearchSimilarRestaurantsResponse queued = spider.searchSimilarRestaurants(request);

        assertThat(queued.getFromCache()).isFalse();
        assertThat(queued.getStatus()).isEqualTo(JobStatus.JOB_STATUS_PENDING);
        Job job = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> spider.getJob(GetJobRequest.newBuilder()
                                        .setJobId(queued.getJobId())
                                        .build())
                                .getJob(),
                        found -> found.getStatus() == JobStatus.JOB_STATUS_COMPLETED);
        assertThat(job.getGoogleId()).isEqualTo(googleId);
        assertThat(job.getResultsList()).hasSize(3);
        assertThat(job.hasStartedAt() && job.hasCompletedAt() && job.hasDuration())
                .isTrue();
        TabelogRestaurant first = job.getResults(0);
        assertThat(first.getRating()).isEqualTo(3.58);
        assertThat(first.getRatingCount()).isEqualTo(1234);
        assertThat(TABELOG.searchRequests(nameJa)).isEqualTo(1); // the Japanese name, in its own argument

        SearchSimilarRestaurantsResponse cached = spider.searchSimilarRestaurants(request);

        assertThat(cached.getFromCache()).isTrue();
        assertThat(cached.getRestaurantsList()).isEqualTo(job.getResultsList());
        assertThat(cached.getTotalFound()).isEqualTo(3);
        assertThat(cached.hasCachedAt()).isTrue();
    }

    @Test
    void invalidSearchesAndUnknownJobsGetTheirStatus() {
        assertStatus(
                () -> spider.searchSimilarRestaurants(SearchSimilarRestaurantsRequest.newBuilder()
                        .setGoogleId(newPlaceId())
                        .setArea("Shibuya")
                        .setPlaceName("Ichiran")
                        .setMaxResults(21)
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "VALIDATION_FAILED");
        assertStatus(
                () -> spider.searchSimilarRestaurants(SearchSimilarRestaurantsRequest.getDefaultInstance()),
                Status.Code.INVALID_ARGUMENT,
                "VALIDATION_FAILED");
        assertStatus(
                () -> spider.getJob(GetJobRequest.newBuilder().setJobId("nope").build()),
                Status.Code.INVALID_ARGUMENT,
                "VALIDATION_FAILED");
        assertStatus(
                () -> spider.getJob(GetJobRequest.newBuilder()
                        .setJobId(UUID.randomUUID().toString())
                        .build()),
                Status.Code.NOT_FOUND,
                "JOB_NOT_FOUND");
    }

    @Test
    void photosAreReadFromTheRestaurantsPhotoPage() {
        String link = TABELOG.baseUrl() + "/tokyo/A1303/A130301/13001001/";

        var photos = spider.getRestaurantPhotos(GetRestaurantPhotosRequest.newBuilder()
                .setGoogleId(newPlaceId())
                .setTabelogLink(link)
                .setName("らーめん")
                .build());

        assertThat(photos.getPhotosList()).hasSize(4).allMatch(url -> url.startsWith("https://"));
        assertThat(TABELOG.requestsTo("/tokyo/A1303/A130301/13001001/dtlphotolst/"))
                .isPositive();
    }

    @Test
    void photosAreOnlyFetchedFromTabelog() {
        for (String link :
                new String[] {"", "https://example.com/evil/", "file:///etc/passwd", TABELOG.baseUrl() + "/../x"}) {
            assertStatus(
                    () -> spider.getRestaurantPhotos(GetRestaurantPhotosRequest.newBuilder()
                            .setTabelogLink(link)
                            .build()),
                    Status.Code.INVALID_ARGUMENT,
                    "VALIDATION_FAILED");
        }
    }

    @Test
    void photosFromAFailingTabelogAreUnavailable() {
        TABELOG.failAll(503);

        assertStatus(
                () -> spider.getRestaurantPhotos(GetRestaurantPhotosRequest.newBuilder()
                        .setTabelogLink(TABELOG.baseUrl() + "/tokyo/A1303/A130301/13001002/")
                        .build()),
                Status.Code.UNAVAILABLE,
                "TABELOG_UNAVAILABLE");
    }

    private static void assertStatus(Runnable call, Status.Code code, String errorCode) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, failure -> {
            assertThat(failure.getStatus().getCode()).isEqualTo(code);
            assertThat(failure.getTrailers().get(GrpcStatusMapping.ERROR_CODE)).isEqualTo(errorCode);
        });
    }

    @Test
    void aCallWithoutATokenIsRefusedAndAUsersCallCountsAsTheirs() {
        var request = SearchSimilarRestaurantsRequest.newBuilder()
                .setGoogleId(newPlaceId())
                .setPlaceName("On behalf " + UUID.randomUUID())
                .setArea("Shibuya")
                .setMaxResults(1)
                .build();
        var missing = org.assertj.core.api.Assertions.catchThrowableOfType(
                io.grpc.StatusRuntimeException.class,
                () -> SpiderServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(10, TimeUnit.SECONDS)
                        .searchSimilarRestaurants(request));
        assertThat(missing.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAUTHENTICATED);

        String user = "grpc-user-" + UUID.randomUUID();
        var answer = SpiderServiceGrpc.newBlockingStub(channel)
                .withInterceptors(GrpcCredentials.token(TOKENS.accessToken(user)))
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .searchSimilarRestaurants(request);

        assertThat(jdbc.sql("SELECT requested_by FROM scrape_jobs WHERE id = ?::uuid")
                        .param(answer.getJobId())
                        .query(String.class)
                        .single())
                .isEqualTo(user);
    }
}
