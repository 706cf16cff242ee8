package org.bmsdk.testkit.redfish.internal;

import java.net.SocketAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOSession;
import org.apache.hc.core5.reactor.IOSessionListener;

/**
 * Keeps the open connections by their two ends, so that a fault can close the one a request came
 * in on (HttpCore hands request handlers the endpoint's addresses, not its session), and a
 * rebooting BMC can close all of its own.
 */
final class ConnectionRegistry implements IOSessionListener {

    private record Key(SocketAddress local, SocketAddress remote) {
    }

    private final Map<Key, IOSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void connected(IOSession session) {
        sessions.put(key(session), session);
    }

    @Override
    public void disconnected(IOSession session) {
        sessions.remove(key(session), session);
    }

    @Override
    public void startTls(IOSession session) {
    }

    @Override
    public void inputReady(IOSession session) {
    }

    @Override
    public void outputReady(IOSession session) {
    }

    @Override
    public void timeout(IOSession session) {
    }

    @Override
    public void exception(IOSession session, Exception ex) {
    }

    /**
     * Closes one connection at once.
     *
     * @param local the server's end
     * @param remote the client's end
     */
    void close(SocketAddress local, SocketAddress remote) {
        IOSession s = sessions.remove(new Key(local, remote));
        if (s != null) {
            s.close(CloseMode.IMMEDIATE);
        }
    }

    /**
     * Closes every connection to one listening address.
     *
     * @param local the server's end
     */
    void closeAll(SocketAddress local) {
        sessions.entrySet().removeIf(e -> {
            if (Objects.equals(e.getKey().local(), local)) {
                e.getValue().close(CloseMode.IMMEDIATE);
                return true;
            }
            return false;
        });
    }

    /** @return how many connections are open */
    int size() {
        return sessions.size();
    }

    private static Key key(IOSession s) {
        return new Key(s.getLocalAddress(), s.getRemoteAddress());
    }
}
