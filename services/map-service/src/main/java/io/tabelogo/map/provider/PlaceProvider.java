package io.tabelogo.map.provider;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where places come from: Google Places API (New) or the offline dataset. Places are JSON objects in Google's
 * shape (field names and values as Google sends them), already reduced to the request's field mask.
 *
 * <p>Failures: an unknown place is an {@code ApiException} with {@code PLACE_NOT_FOUND} (an answer, not an outage);
 * anything else that goes wrong is a {@link ProviderFailure}.
 */
public interface PlaceProvider {

    /** {@code google} or {@code offline}: the {@code source} clients see and the {@code provider} metric tag. */
    String name();

    ObjectNode details(String placeId, String languageCode, FieldMask mask);

    /** At most {@code query.maxResultCount()} places, {@code min_rating} and {@code open_now} applied first. */
    List<ObjectNode> textSearch(TextQuery query);
}
