package org.bmsdk.ssh;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bmsdk.api.credentials.Secret;

/**
 * A private, real OpenSSH server for interoperability tests: {@code /usr/sbin/sshd -D} with a
 * generated config, host key and client keys in a temp dir, on 127.0.0.1 and a port chosen at run
 * time. It never touches /etc/ssh or a system sshd.
 *
 * <p>Key login is for the user running the tests (root in CI). When running as root, it also makes
 * a local user {@value #PASSWORD_USER} with a random password for password login: sshd with
 * {@code UsePAM no} checks passwords against /etc/shadow, so a real account is the only way.
 *
 * <p>When OpenSSH is not installed, {@link #startIfInstalled()} returns nothing and the tests skip
 * themselves ({@link #missing()} says why), except under {@code CI=true}, where a missing peer is
 * a broken build and it fails.
 */
final class OpenSshServer implements AutoCloseable {

    /** sshd must be started by absolute path (it re-executes itself); -Dbm.test.sshd=PATH for another one. */
    static final String SSHD = System.getProperty("bm.test.sshd", "/usr/sbin/sshd");
    static final String SSH_KEYGEN = "ssh-keygen";
    static final String PASSWORD_USER = "bmsdk-test";
    static final String HOST = "127.0.0.1";

    private final Path dir;
    private final int port;
    private final Process process;
    private final String keyUser;
    private final Secret password;
    private final Secret passphrase;

    private OpenSshServer(Path dir, int port, Process process, String keyUser, Secret password, Secret passphrase) {
        this.dir = dir;
        this.port = port;
        this.process = process;
        this.keyUser = keyUser;
        this.password = password;
        this.passphrase = passphrase;
    }

    /**
     * Starts a server when OpenSSH is installed.
     *
     * @return the running server, to close after the tests; empty when OpenSSH is missing
     *     (under CI=true, that fails instead)
     */
    static Optional<OpenSshServer> startIfInstalled() throws IOException, InterruptedException {
        String missing = missing();
        if (missing != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(missing);
            }
            System.err.println("SKIPPED: " + missing);
            return Optional.empty();
        }
        return Optional.of(start());
    }

    private static OpenSshServer start() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("bm-ssh-sshd-");
        boolean root = "root".equals(System.getProperty("user.name"));
        String keyUser = System.getProperty("user.name");
        Secret passphrase = Secret.of(randomText());
        keygen(dir.resolve("ssh_host_ed25519_key"), "", "bm-ssh-test-host");
        keygen(dir.resolve("other_host_key"), "", "bm-ssh-test-other-host");
        keygen(dir.resolve("client_key"), "", "bm-ssh-test-client");
        keygen(dir.resolve("client_key_encrypted"), passphrase.reveal(), "bm-ssh-test-client-encrypted");
        Files.writeString(dir.resolve("authorized_keys"), Files.readString(dir.resolve("client_key.pub"))
                + Files.readString(dir.resolve("client_key_encrypted.pub")));
        Secret password = null;
        if (root) {
            password = Secret.of(randomText());
            createPasswordUser(password);
            // sshd's privilege separation directory, normally made by systemd
            Files.createDirectories(Path.of("/run/sshd"));
        }
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            writeConfig(dir, port, keyUser, password != null);
            run(List.of(SSHD, "-t", "-f", dir.resolve("sshd_config").toString()), null);
            Process p = new ProcessBuilder(SSHD, "-D", "-f", dir.resolve("sshd_config").toString(),
                    "-E", dir.resolve("sshd.log").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("sshd.out").toFile())
                    .start();
            OpenSshServer server = new OpenSshServer(dir, port, p, keyUser, password, passphrase);
            try {
                server.awaitListening();
                Files.writeString(dir.resolve("known_hosts"), server.knownHostsLine(dir.resolve("ssh_host_ed25519_key.pub")));
                return server;
            } catch (IOException e) {
                // another process may have taken the port between our probe and sshd's bind
                server.stopProcess();
                last = e;
            }
        }
        deleteTree(dir);
        throw last;
    }

    /**
     * What is missing to run the server, as a message that says how to install it.
     *
     * @return the message, or null when OpenSSH is installed
     */
    static String missing() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(Path.of(SSHD))) {
            missing.add(SSHD + " (openssh-server)");
        }
        if (!onPath(SSH_KEYGEN)) {
            missing.add(SSH_KEYGEN + " (openssh-client)");
        }
        if (missing.isEmpty()) {
            return null;
        }
        return "OpenSSH is needed for the interop tests but " + String.join(" and ", missing)
                + " is missing: run .ci/install-peers.sh ssh (as root)";
    }

    int port() {
        return port;
    }

    /** The user that logs in with the client keys. */
    String keyUser() {
        return keyUser;
    }

    /** Whether password login works here (only when the tests run as root). */
    boolean hasPasswordUser() {
        return password != null;
    }

    Secret password() {
        return password;
    }

    /** A known_hosts that pins this server's host key. */
    Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** A known_hosts listing this host and port with a different key: a "changed" host key. */
    Path knownHostsWithOtherKey() throws IOException {
        Path f = dir.resolve("known_hosts_other_key");
        Files.writeString(f, knownHostsLine(dir.resolve("other_host_key.pub")));
        return f;
    }

    /** A known_hosts listing the right key, but for another port only: this server is unknown. */
    Path knownHostsWithoutThisHost() throws IOException {
        Path f = dir.resolve("known_hosts_other_host");
        String key = publicKeyFields(dir.resolve("ssh_host_ed25519_key.pub"));
        Files.writeString(f, "# another host\n[" + HOST + "]:" + (port == 65535 ? 1 : port + 1) + " " + key + "\n");
        return f;
    }

    /** Options to log in with the unencrypted client key, the host key pinned. */
    SshOptions.Builder keyLogin() {
        return SshOptions.builder().host(HOST).port(port).username(keyUser)
                .privateKey(dir.resolve("client_key")).knownHosts(knownHosts());
    }

    /** Options to log in with the passphrase-protected client key. */
    SshOptions.Builder encryptedKeyLogin() {
        return SshOptions.builder().host(HOST).port(port).username(keyUser)
                .privateKey(dir.resolve("client_key_encrypted"), passphrase).knownHosts(knownHosts());
    }

    /** Options to log in as {@value #PASSWORD_USER} with its password; only when {@link #hasPasswordUser()}. */
    SshOptions.Builder passwordLogin() {
        return SshOptions.builder().host(HOST).port(port).username(PASSWORD_USER).password(password)
                .knownHosts(knownHosts());
    }

    Path dir() {
        return dir;
    }

    /** How many logins sshd has accepted so far, from its log. */
    long acceptedLogins() throws IOException {
        try (Stream<String> lines = Files.lines(dir.resolve("sshd.log"), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("Accepted ")).count();
        }
    }

    /** How many password or key attempts sshd has seen, accepted or not, from its log. */
    long loginAttempts() throws IOException {
        try (Stream<String> lines = Files.lines(dir.resolve("sshd.log"), StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("Accepted ") || l.contains("Failed ") || l.contains("Postponed ")).count();
        }
    }

    @Override
    public void close() {
        stopProcess();
        deleteTree(dir);
    }

    private void stopProcess() {
        // Per-connection sshd children outlive the listener until their client leaves: end them too.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited with " + process.exitValue() + ": " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("sshd did not listen on " + HOST + ":" + port + " within 10 s: " + log());
    }

    private String log() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String f : new String[] {"sshd.out", "sshd.log"}) {
            Path p = dir.resolve(f);
            if (Files.exists(p)) {
                sb.append(Files.readString(p)).append('\n');
            }
        }
        return sb.toString().strip();
    }

    private String knownHostsLine(Path publicKey) throws IOException {
        return "[" + HOST + "]:" + port + " " + publicKeyFields(publicKey) + "\n";
    }

    private static String publicKeyFields(Path publicKey) throws IOException {
        String[] fields = Files.readString(publicKey).strip().split("\\s+");
        return fields[0] + " " + fields[1];
    }

    private static void writeConfig(Path dir, int port, String keyUser, boolean passwordLogin) throws IOException {
        String allow = passwordLogin ? keyUser + " " + PASSWORD_USER : keyUser;
        String config = String.join("\n",
                "# generated by bm-ssh's OpenSshServer test fixture",
                "Port " + port,
                "ListenAddress " + HOST,
                "HostKey " + dir.resolve("ssh_host_ed25519_key"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                // the temp dir's parent is world-writable /tmp, which StrictModes would refuse
                "StrictModes no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication " + (passwordLogin ? "yes" : "no"),
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "AllowUsers " + allow,
                "UsePAM no",
                "UseDNS no",
                "PrintMotd no",
                "PrintLastLog no",
                "MaxStartups 50:30:100",
                "MaxSessions 20",
                "LogLevel VERBOSE",
                "");
        Files.writeString(dir.resolve("sshd_config"), config);
    }

    private static void createPasswordUser(Secret password) throws IOException, InterruptedException {
        if (run(List.of("id", "-u", PASSWORD_USER), null, true) != 0) {
            run(List.of("useradd", "-M", "-d", "/tmp", "-s", "/bin/bash", PASSWORD_USER), null);
        }
        // chpasswd reads "user:password" on stdin, so the password never shows in a process list.
        // Another process editing /etc/shadow at the same moment makes it fail: try again.
        for (int attempt = 1; ; attempt++) {
            if (run(List.of("chpasswd"), PASSWORD_USER + ":" + password.reveal() + "\n", attempt < 5) == 0) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private static void keygen(Path file, String passphrase, String comment) throws IOException, InterruptedException {
        run(List.of(SSH_KEYGEN, "-q", "-t", "ed25519", "-N", passphrase, "-C", comment, "-f", file.toString()), null);
    }

    private static int run(List<String> command, String stdin) throws IOException, InterruptedException {
        return run(command, stdin, false);
    }

    /** Runs a program; unless {@code mayFail}, a non-zero exit is an IOException with its output. */
    private static int run(List<String> command, String stdin, boolean mayFail) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command.get(0) + " did not finish within 30 s");
        }
        if (p.exitValue() != 0 && !mayFail) {
            throw new IOException(command.get(0) + " exited " + p.exitValue() + ": " + output.strip());
        }
        return p.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    private static String randomText() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + root + ": " + e);
        }
    }
}
