package io.tabelogo.devstack;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** A Redis server the stack uses: the machine's own, or a private redis-server started by the supervisor. */
record RedisEndpoint(String host, int port, boolean embedded) {

    private static final int TIMEOUT_MILLIS = 1000;

    String address() {
        return host + ":" + port;
    }

    String url(int database) {
        return "redis://%s/%d".formatted(address(), database);
    }

    /** A bare RESP PING tells a live Redis from a closed port or another protocol, without a client library. */
    boolean answersPing() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write("*1\r\n$4\r\nPING\r\n".getBytes(US_ASCII));
            return new String(socket.getInputStream().readNBytes(5), US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
