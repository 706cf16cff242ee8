package org.bmsdk.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Optional;

/**
 * bm-ssh's {@code OpenSshServer} test fixture (a private, real sshd), reached from bm-cli's tests.
 *
 * <p>The fixture comes in bm-ssh's test-jar, but it is package-private in {@code org.bmsdk.ssh},
 * and that package belongs to the named module org.bmsdk.ssh when these tests compile (they are
 * patched into org.bmsdk.cli), so the copy in the test-jar cannot even be named here. Tests run on
 * the class path, where both copies of the package are one, so it is called reflectively. Its
 * behaviour is kept: without OpenSSH it fails under {@code CI=true} and returns nothing otherwise.
 */
final class OpenSsh implements AutoCloseable {

    private static final String FIXTURE = "org.bmsdk.ssh.OpenSshServer";

    private final Object server;

    private OpenSsh(Object server) {
        this.server = server;
    }

    /**
     * Starts a real sshd when OpenSSH is installed.
     *
     * @return the server; empty when OpenSSH is missing (under CI=true that fails instead)
     */
    static Optional<OpenSsh> startIfInstalled() {
        Optional<?> started = (Optional<?>) call(null, "startIfInstalled");
        return started.map(OpenSsh::new);
    }

    /** What is missing to run sshd, or null when nothing is. */
    static String missing() {
        return (String) call(null, "missing");
    }

    int port() {
        return (Integer) call(server, "port");
    }

    /** The user that logs in with {@link #clientKey()}. */
    String keyUser() {
        return (String) call(server, "keyUser");
    }

    /** The unencrypted client key that sshd accepts. */
    Path clientKey() {
        return dir().resolve("client_key");
    }

    /** A known_hosts that pins this server's host key. */
    Path knownHosts() {
        return (Path) call(server, "knownHosts");
    }

    /** A known_hosts with this server's key listed for another port only: the host is unknown. */
    Path knownHostsWithoutThisHost() {
        return (Path) call(server, "knownHostsWithoutThisHost");
    }

    /** A known_hosts listing another key for this host and port: a changed host key. */
    Path knownHostsWithOtherKey() {
        return (Path) call(server, "knownHostsWithOtherKey");
    }

    Path dir() {
        return (Path) call(server, "dir");
    }

    /** Logins and attempts sshd has logged so far, accepted or not. */
    long loginAttempts() {
        return (Long) call(server, "loginAttempts");
    }

    /** Logins sshd has accepted so far. */
    long acceptedLogins() {
        return (Long) call(server, "acceptedLogins");
    }

    /** Whether a local user with a password may log in (made only when the tests run as root). */
    boolean hasPasswordUser() {
        return (Boolean) call(server, "hasPasswordUser");
    }

    /** The password user's name. */
    static String passwordUser() {
        try {
            java.lang.reflect.Field f = Class.forName(FIXTURE).getDeclaredField("PASSWORD_USER");
            f.setAccessible(true);
            return (String) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The password user's password. */
    org.bmsdk.api.credentials.Secret password() {
        return (org.bmsdk.api.credentials.Secret) call(server, "password");
    }

    /** The endpoint bmctl takes for this server. */
    String endpoint() {
        return "ssh://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        call(server, "close");
    }

    private static Object call(Object target, String method) {
        try {
            Method m = Class.forName(FIXTURE).getDeclaredMethod(method);
            m.setAccessible(true);
            return m.invoke(target);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new IllegalStateException(FIXTURE + "." + method + " failed", cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("bm-ssh's test-jar with " + FIXTURE + "." + method + "() must be on the test class path", e);
        }
    }
}
