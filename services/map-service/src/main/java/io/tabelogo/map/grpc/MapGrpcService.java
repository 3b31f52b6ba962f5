package io.tabelogo.map.grpc;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import io.tabelogo.api.map.v1.AdvanceSearchRequest;
import io.tabelogo.api.map.v1.AdvanceSearchResponse;
import io.tabelogo.api.map.v1.BatchGetPlacesRequest;
import io.tabelogo.api.map.v1.BatchGetPlacesResponse;
import io.tabelogo.api.map.v1.MapServiceGrpc;
import io.tabelogo.api.map.v1.PlaceFailure;
import io.tabelogo.api.map.v1.QuickSearchRequest;
import io.tabelogo.api.map.v1.QuickSearchResponse;
import io.tabelogo.api.map.v1.SearchMetadata;
import io.tabelogo.map.provider.TextQuery;
import io.tabelogo.map.search.PlaceSearch;
import io.tabelogo.map.search.PlaceSearch.BatchResult;
import io.tabelogo.map.search.PlaceSearch.PlaceResult;
import io.tabelogo.map.search.PlaceSearch.SearchResult;
import io.tabelogo.map.search.SearchRequests;
import io.tabelogo.map.search.SearchRequests.PlaceQuery;
import io.tabelogo.map.search.SearchRequests.QuickSearchBody;
import java.util.List;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code map.v1.MapService} over the same searches as HTTP (same cache, same metrics). Internal callers are not
 * rate limited per client; the provider quota still applies. Failures are {@code ApiException}s the platform maps:
 * VALIDATION_FAILED → INVALID_ARGUMENT, PLACE_NOT_FOUND → NOT_FOUND, MAP_PROVIDER_UNAVAILABLE → UNAVAILABLE.
 */
@Service
class MapGrpcService extends MapServiceGrpc.MapServiceImplBase {

    private final PlaceSearch search;
    private final JsonMapper json;

    MapGrpcService(PlaceSearch search, JsonMapper json) {
        this.search = search;
        this.json = json;
    }

    @Override
    public void quickSearch(QuickSearchRequest request, StreamObserver<QuickSearchResponse> response) {
        PlaceQuery query = search.validated(() -> SearchRequests.placeQuery(
                new QuickSearchBody(request.getPlaceId(), request.getLanguageCode(), request.getApiMask())));
        PlaceResult result = search.quickSearch(query);
        QuickSearchResponse.Builder answer = QuickSearchResponse.newBuilder()
                .setSource(PlaceMessages.source(result.source()))
                .setStale(result.stale())
                .setPlace(PlaceMessages.place(result.place()));
        if (result.cachedAt() != null) {
            answer.setCachedAt(Timestamp.newBuilder()
                    .setSeconds(result.cachedAt().getEpochSecond())
                    .setNanos(result.cachedAt().getNano()));
        }
        response.onNext(answer.build());
        response.onCompleted();
    }

    @Override
    public void advanceSearch(AdvanceSearchRequest request, StreamObserver<AdvanceSearchResponse> response) {
        TextQuery query = search.validated(() -> SearchRequests.textQuery(PlaceMessages.body(request)));
        SearchResult result = search.advanceSearch(query);
        AdvanceSearchResponse.Builder answer = AdvanceSearchResponse.newBuilder()
                .setTotalCount(result.count())
                .setSearchMetadata(SearchMetadata.newBuilder()
                        .setTextQuery(query.textQuery())
                        .setSearchTimeMs(result.searchTimeMs())
                        .setSource(PlaceMessages.source(result.source())));
        result.places(json).forEach(place -> answer.addPlaces(PlaceMessages.place(place)));
        response.onNext(answer.build());
        response.onCompleted();
    }

    @Override
    public void batchGetPlaces(BatchGetPlacesRequest request, StreamObserver<BatchGetPlacesResponse> response) {
        List<PlaceQuery> queries = search.validated(
                () -> SearchRequests.batch(request.getPlaceIdsList(), request.getLanguageCode(), request.getApiMask()));
        BatchResult result = search.batchGet(queries);
        BatchGetPlacesResponse.Builder answer = BatchGetPlacesResponse.newBuilder()
                .setSuccessCount(result.places().size())
                .setFailureCount(result.failures().size());
        result.places().forEach((id, place) -> answer.putPlaces(id, PlaceMessages.place(place)));
        result.failures()
                .forEach(failure -> answer.addFailures(PlaceFailure.newBuilder()
                        .setPlaceId(failure.placeId())
                        .setCode(failure.code())
                        .setMessage(failure.message())));
        response.onNext(answer.build());
        response.onCompleted();
    }
}
