package io.tabelogo.map.provider;

import io.tabelogo.platform.chaos.Dependency;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The provider with chaos' faults in front (only when chaos is enabled): latency and failures as a slow or failing
 * provider would give them, inside the breaker, retry and quota around it.
 */
record FaultyProvider(PlaceProvider provider, Dependency chaos) implements PlaceProvider {

    @Override
    public String name() {
        return provider.name();
    }

    @Override
    public ObjectNode details(String placeId, String languageCode, FieldMask mask) {
        chaos.beforeCall(FaultyProvider::injected);
        return provider.details(placeId, languageCode, mask);
    }

    @Override
    public List<ObjectNode> textSearch(TextQuery query) {
        chaos.beforeCall(FaultyProvider::injected);
        return provider.textSearch(query);
    }

    private static ProviderFailure injected() {
        return new ProviderFailure("chaos", true, "failure injected by a chaos fault");
    }
}
