package org.bmsdk.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.ssh.fixture.OpenSshServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * bm-ssh's {@link OpenSshServer} test fixture (a private, real sshd, from bm-ssh's test jar) as a
 * JUnit 5 extension for one test class, with the few helpers bmctl's tests add: the client key, the
 * endpoint URI, checked exceptions turned unchecked. The server starts before the class's tests and
 * stops after them; each test is skipped, visibly, without OpenSSH (under {@code CI=true} starting
 * already failed).
 *
 * <pre>{@code
 * @RegisterExtension
 * static final OpenSsh server = new OpenSsh();
 * }</pre>
 */
final class OpenSsh implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private OpenSshServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        server = OpenSshServer.startIfInstalled().orElse(null);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeTrue(server != null, OpenSshServer::missing);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
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
