package org.bmsdk.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.ssh.fixture.OpenSshExtension;
import org.bmsdk.ssh.fixture.OpenSshServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** bm-ssh against the real OpenSSH server: logins, host key checks, commands, timeouts, shells. */
@Tag("interop")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenSshInteropTest {

    private static final Duration T = Duration.ofSeconds(10);
    /** The end of a bash prompt, for root ({@code #}) or anyone else ({@code $}). */
    private static final Pattern PROMPT = Pattern.compile("[#$] $");

    @RegisterExtension
    static final OpenSshExtension openSsh = new OpenSshExtension();

    @Test
    void keyLoginRunsCommandsAndKeepsStdoutStderrAndExitStatusApart() {
        try (SshConnection c = openSsh.client().connect(openSsh.server().keyLogin().build())) {
            assertTrue(c.isOpen());
            assertEquals("ssh://127.0.0.1:" + openSsh.server().port(), c.endpoint());
            assertEquals(new ExecResult(0, "hello\n", ""), c.exec("echo hello", T));
            ExecResult exit3 = c.exec("exit 3", T);
            assertEquals(3, exit3.exitStatus());
            assertFalse(exit3.isSuccess());
            assertEquals(new ExecResult(0, "out\n", "oops\n"), c.exec("echo out; echo oops >&2", T));
            assertEquals(openSsh.server().keyUser() + "\n", c.exec("id -un").stdout());
        }
    }

    @Test
    void outputLargerThanTheChannelWindowArrivesWhole() {
        try (SshConnection c = openSsh.client().connect(openSsh.server().keyLogin().build())) {
            // 4 MiB on stdout and 1 MiB on stderr at once: both streams must be drained while waiting
            ExecResult r = c.exec("head -c 4194304 /dev/zero | tr '\\0' a; head -c 1048576 /dev/zero | tr '\\0' b >&2", T);
            assertEquals(0, r.exitStatus());
            assertEquals(4 * 1024 * 1024, r.stdout().length());
            assertEquals(1024 * 1024, r.stderr().length());
        }
    }

    @Test
    void encryptedKeyLogsInWithItsPassphrase() {
        try (SshConnection c = openSsh.client().connect(openSsh.server().encryptedKeyLogin().build())) {
            assertEquals("ok\n", c.exec("echo ok", T).stdout());
        }
    }

    @Test
    void wrongPassphraseIsAnAuthenticationError() throws Exception {
        SshOptions options = openSsh.server().encryptedKeyLogin()
                .privateKey(openSsh.server().dir().resolve("client_key_encrypted"), Secret.of("not-the-passphrase-42"))
                .build();
        long before = openSsh.server().loginAttempts();
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> openSsh.client().connect(options));
        assertTrue(e.getMessage().contains("cannot be decrypted"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-passphrase-42"), e.getMessage());
        assertEquals(before, openSsh.server().loginAttempts(), "a key that cannot be loaded is not tried");
    }

    @Test
    void encryptedKeyWithoutPassphraseIsAConfigurationError() {
        Path key = openSsh.server().dir().resolve("client_key_encrypted");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> openSsh.client().connect(openSsh.server().keyLogin().privateKey(key).build()));
        assertTrue(e.getMessage().contains("private key " + key + " is encrypted: give its passphrase"), e.getMessage());
    }

    @Test
    void passwordLogin() {
        assumeTrue(openSsh.server().hasPasswordUser(), "password login needs a local user, made only when running as root");
        try (SshConnection c = openSsh.client().connect(openSsh.server().passwordLogin().build())) {
            assertEquals(OpenSshServer.PASSWORD_USER + "\n", c.exec("id -un", T).stdout());
        }
    }

    @Test
    void wrongPasswordIsAnAuthenticationErrorThatNamesNoSecret() {
        assumeTrue(openSsh.server().hasPasswordUser(), "password login needs a local user, made only when running as root");
        SshOptions options = openSsh.server().passwordLogin().password(Secret.of("wrong-Password-7391")).build();
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> openSsh.client().connect(options));
        assertFalse(e.getMessage().contains("wrong-Password-7391"), e.getMessage());
        assertFalse(e.isRetryable());
        assertContext(e, "connect");
        assertTrue(e.getMessage().contains("login as '" + OpenSshServer.PASSWORD_USER + "' refused"), e.getMessage());
    }

    @Test
    void unknownHostKeyIsRefusedBeforeAnyLogin() throws Exception {
        Path knownHosts = openSsh.server().knownHostsWithoutThisHost();
        long before = openSsh.server().loginAttempts();
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> openSsh.client().connect(openSsh.server().keyLogin().knownHosts(knownHosts).build()));
        assertTrue(e.getMessage().contains("host key of 127.0.0.1:" + openSsh.server().port() + " is not in known_hosts " + knownHosts),
                e.getMessage());
        assertTrue(e.getMessage().contains("ssh-ed25519 SHA256:"), e.getMessage());
        assertContext(e, "connect");
        assertEquals(before, openSsh.server().loginAttempts(), "no credential may reach an unverified host");
    }

    @Test
    void unknownHostKeyWithPasswordSendsNoPassword() throws Exception {
        assumeTrue(openSsh.server().hasPasswordUser(), "password login needs a local user, made only when running as root");
        Path knownHosts = openSsh.server().knownHostsWithoutThisHost();
        long before = openSsh.server().loginAttempts();
        assertThrows(AuthenticationException.class,
                () -> openSsh.client().connect(openSsh.server().passwordLogin().knownHosts(knownHosts).build()));
        assertEquals(before, openSsh.server().loginAttempts(), "the password must not reach an unverified host");
    }

    @Test
    void changedHostKeyIsRefused() throws Exception {
        Path knownHosts = openSsh.server().knownHostsWithOtherKey();
        long before = openSsh.server().loginAttempts();
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> openSsh.client().connect(openSsh.server().keyLogin().knownHosts(knownHosts).build()));
        assertTrue(e.getMessage().contains("host key of 127.0.0.1:" + openSsh.server().port() + " does NOT match known_hosts " + knownHosts),
                e.getMessage());
        assertEquals(before, openSsh.server().loginAttempts());
    }

    @Test
    void missingKnownHostsFileMeansEveryHostIsUnknown() {
        Path missing = openSsh.server().dir().resolve("no-such-known_hosts");
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> openSsh.client().connect(openSsh.server().keyLogin().knownHosts(missing).build()));
        assertTrue(e.getMessage().contains("(the file does not exist)"), e.getMessage());
    }

    @Test
    void insecureOptInAcceptsAnUnknownHostKey() {
        SshOptions options = openSsh.server().keyLogin().knownHosts(openSsh.server().dir().resolve("no-such-known_hosts"))
                .insecureAcceptAnyHostKey().build();
        try (SshConnection c = openSsh.client().connect(options)) {
            assertEquals("ok\n", c.exec("echo ok", T).stdout());
        }
    }

    @Test
    void commandTimeoutKillsTheCommandAndKeepsTheConnection() {
        try (SshConnection c = openSsh.client().connect(openSsh.server().keyLogin().build())) {
            long start = System.nanoTime();
            OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
                    () -> c.exec("sleep 5", Duration.ofMillis(500)));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms < 3000, "timed out after " + ms + " ms");
            assertTrue(e.getMessage().contains("'sleep …' did not finish within 500 ms"), e.getMessage());
            assertContext(e, "exec");
            assertTrue(e.isRetryable());
            assertTrue(c.isOpen());
            assertEquals("still here\n", c.exec("echo still here", T).stdout());
        }
    }

    @Test
    void defaultCommandTimeoutComesFromTheOptions() {
        try (SshConnection c = openSsh.client().connect(openSsh.server().keyLogin().commandTimeout(Duration.ofMillis(300)).build())) {
            assertThrows(OperationTimeoutException.class, () -> c.exec("sleep 5"));
        }
    }

    @Test
    void interactiveShellReadsUpToThePromptWithoutEscapes() {
        try (SshConnection c = openSsh.client().connect(openSsh.server().keyLogin().build()); SshShell shell = c.shell()) {
            shell.readUntil(PROMPT, T);
            shell.send("echo hi");
            String out = shell.readUntil(PROMPT, T);
            assertTrue(out.lines().anyMatch("hi"::equals), out);
            shell.send("echo $((6 * 7))");
            out = shell.readUntil(PROMPT, T);
            assertTrue(out.lines().anyMatch("42"::equals), out);
            assertFalse(out.contains("\u001b") || out.contains("\r"), "escapes and CRs are stripped: " + out);
            assertTrue(shell.isOpen());
        }
    }

    @Test
    void terminalHandsOverTheRawBytesOfAPty() throws Exception {
        try (SshConnection c = openSsh.client().connect(openSsh.server().keyLogin().build()); SshProcess term = c.terminal()) {
            term.stdin().write("printf '\\033[1mRAW\\033[0m\\n'; exit\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            term.stdin().flush();
            String out = new String(term.stdout().readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            // unlike shell(), nothing is cleaned: the escape sequence and the pty's CR LF arrive as sent
            assertTrue(out.contains("\u001b[1mRAW\u001b[0m\r\n"), out);
            term.waitFor(T);
        }
    }

    @Test
    void shellKeepsStateBetweenLinesAndEndsOnExit() {
        try (SshConnection c = openSsh.client().connect(openSsh.server().keyLogin().build()); SshShell shell = c.shell()) {
            shell.readUntil(PROMPT, T);
            shell.send("cd /tmp && X=bm-sdk");
            shell.readUntil(PROMPT, T);
            shell.send("echo \"$X in $(pwd)\"");
            assertTrue(shell.readUntil(PROMPT, T).contains("bm-sdk in /tmp"));
            shell.send("exit");
            BareMetalException e = assertThrows(BareMetalException.class, () -> shell.readUntil(PROMPT, T));
            assertTrue(e.getMessage().contains("ended before the prompt"), e.getMessage());
        }
    }

    @Test
    void promptThatNeverComesTimesOut() {
        try (SshConnection c = openSsh.client().connect(openSsh.server().keyLogin().build()); SshShell shell = c.shell()) {
            shell.readUntil(PROMPT, T);
            shell.send("echo waiting");
            OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
                    () -> shell.readUntil(Pattern.compile("NEVER-THERE>"), Duration.ofMillis(300)));
            assertContext(e, "shell.read");
            assertTrue(e.getMessage().contains("waiting"), "shows what came instead: " + e.getMessage());
            // the output stays for the next read
            assertTrue(shell.readUntil(PROMPT, T).contains("waiting"));
        }
    }

    @Test
    void oneConnectionServesManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (SshConnection c = openSsh.client().connect(openSsh.server().keyLogin().build())) {
            List<Future<ExecResult>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String n = Integer.toString(i);
                results.add(pool.submit(() -> c.exec("echo " + n, T)));
            }
            for (int i = 0; i < results.size(); i++) {
                assertEquals(i + "\n", results.get(i).get(30, TimeUnit.SECONDS).stdout());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closingTheConnectionEndsItsShellsAndRefusesMoreWork() {
        SshConnection c = openSsh.client().connect(openSsh.server().keyLogin().build());
        SshShell shell = c.shell();
        c.close();
        c.close();
        assertFalse(c.isOpen());
        assertFalse(shell.isOpen());
        assertThrows(IllegalStateException.class, () -> c.exec("true", T));
        assertThrows(IllegalStateException.class, c::shell);
    }

    @Test
    void closingTheClientClosesItsConnections() {
        SshClient own = SshClient.create();
        SshConnection c = own.connect(openSsh.server().keyLogin().build());
        own.close();
        assertFalse(c.isOpen());
        assertThrows(IllegalStateException.class, () -> own.connect(openSsh.server().keyLogin().build()));
    }

    private static void assertContext(BareMetalException e, String operation) {
        assertEquals("ssh://127.0.0.1:" + openSsh.server().port(), e.context().endpoint());
        assertEquals("ssh", e.context().driverId());
        assertEquals(operation, e.context().operation());
    }
}
