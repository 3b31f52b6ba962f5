package io.tabelogo.map.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.tabelogo.api.map.v1.MapServiceGrpc;
import io.tabelogo.api.map.v1.QuickSearchRequest;
import io.tabelogo.map.MapServiceIntegrationTest;
import io.tabelogo.platform.grpc.GrpcCredentials;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.grpc.server.lifecycle.GrpcServerLifecycle;

/**
 * The first version's failure: clients pinging more often than the server's default allowance (5 min) were sent
 * GOAWAY {@code too_many_pings} and lost their connection. A client pinging every 12 s, idle, would collect its
 * third strike at about 36 s; here the connection must simply stay up. (Slow on purpose: ~40 s.)
 */
class GrpcKeepaliveIntegrationTest extends MapServiceIntegrationTest {

    @Autowired
    GrpcServerLifecycle grpcServer;

    @Test
    void anIdleClientPingingOftenKeepsItsConnection() throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcServer.getPort())
                .usePlaintext()
                .keepAliveTime(12, TimeUnit.SECONDS)
                .keepAliveTimeout(5, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(true)
                .build();
        try {
            var map = MapServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(GrpcCredentials.token(TOKENS.serviceToken("restaurant-service", "map-service")));
            map.withDeadlineAfter(10, TimeUnit.SECONDS)
                    .quickSearch(QuickSearchRequest.newBuilder()
                            .setPlaceId(someOfflinePlaceId("soba"))
                            .build());
            List<ConnectivityState> changes = new CopyOnWriteArrayList<>();
            watch(channel, ConnectivityState.READY, changes);

            Thread.sleep(Duration.ofSeconds(40));

            assertThat(changes).as("connection state changes while idle").isEmpty();
            assertThat(channel.getState(false)).isEqualTo(ConnectivityState.READY);
        } finally {
            channel.shutdownNow();
        }
    }

    private static void watch(ManagedChannel channel, ConnectivityState from, List<ConnectivityState> changes) {
        channel.notifyWhenStateChanged(from, () -> {
            ConnectivityState now = channel.getState(false);
            changes.add(now);
            watch(channel, now, changes);
        });
    }
}
