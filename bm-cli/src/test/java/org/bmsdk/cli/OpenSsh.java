package org.bmsdk.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.ssh.fixture.OpenSshServer;

/**
 * bm-ssh's {@link OpenSshServer} test fixture (a private, real sshd, from bm-ssh's test jar) with
 * the few helpers bmctl's tests add: the client key, the endpoint URI, checked exceptions turned
 * unchecked. Without OpenSSH it fails under {@code CI=true} and starts nothing otherwise.
 */
final class OpenSsh implements AutoCloseable {

    private final OpenSshServer server;

    private OpenSsh(OpenSshServer server) {
        this.server = server;
    }

    static Optional<OpenSsh> startIfInstalled() {
        try {
            return OpenSshServer.startIfInstalled().map(OpenSsh::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting sshd", e);
        }
    }

    static String missing() {
        return OpenSshServer.missing();
    }

    static String passwordUser() {
        return OpenSshServer.PASSWORD_USER;
    }

    int port() {
        return server.port();
    }

    String keyUser() {
        return server.keyUser();
    }

    Path clientKey() {
        return dir().resolve("client_key");
    }

    Path knownHosts() {
        return server.knownHosts();
    }

    Path knownHostsWithoutThisHost() {
        return io(server::knownHostsWithoutThisHost);
    }

    Path knownHostsWithOtherKey() {
        return io(server::knownHostsWithOtherKey);
    }

    Path dir() {
        return server.dir();
    }

    long loginAttempts() {
        return io(server::loginAttempts);
    }

    long acceptedLogins() {
        return io(server::acceptedLogins);
    }

    boolean hasPasswordUser() {
        return server.hasPasswordUser();
    }

    Secret password() {
        return server.password();
    }

    String endpoint() {
        return "ssh://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.close();
    }

    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> T io(IoCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
