package io.tabelogo.platform.chaos;

import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.ConnectException;
import java.net.SocketAddress;

/**
 * The redis-down fault, in every Redis client of the service (they share Boot's Lettuce resources): when it starts,
 * the open connections are dropped, and while it lasts each reconnection is refused, as when Redis is gone. Commands
 * then fail at once (the platform rejects commands while disconnected); when it ends, the next reconnection
 * attempt (within about 2 s) succeeds.
 */
final class RedisOutage implements NettyCustomizer {

    private final ChaosFaults faults;
    private final ChannelGroup channels = new DefaultChannelGroup("redis", GlobalEventExecutor.INSTANCE);
    private final RefuseWhileDown refuse = new RefuseWhileDown();

    RedisOutage(ChaosFaults faults) {
        this.faults = faults;
        faults.whenRedisGoesDown(channels::close);
    }

    @Override
    public void afterChannelInitialized(Channel channel) {
        channels.add(channel);
        channel.pipeline().addFirst("tabelogo-chaos-redis-outage", refuse);
    }

    @ChannelHandler.Sharable
    private final class RefuseWhileDown extends ChannelOutboundHandlerAdapter {

        @Override
        public void connect(
                ChannelHandlerContext context, SocketAddress remote, SocketAddress local, ChannelPromise promise)
                throws Exception {
            if (faults.redisDown()) {
                promise.setFailure(new ConnectException("chaos: Redis is treated as unavailable"));
                return;
            }
            super.connect(context, remote, local, promise);
        }
    }
}
