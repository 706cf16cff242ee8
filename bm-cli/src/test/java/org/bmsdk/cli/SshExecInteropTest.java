package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code bmctl ssh exec} against a real OpenSSH server (bm-ssh's fixture): key login with a pinned
 * host key, exit statuses, JSON, and refusals before any login. Where OpenSSH is missing, each
 * test skips (and under CI=true the fixture fails instead).
 */
@Tag("interop")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SshExecInteropTest {

    @RegisterExtension
    static final OpenSsh server = new OpenSsh();

    private static Map<String, String> env() {
        return Map.of("BMCTL_USERNAME", server.keyUser());
    }

    /** {@code ssh exec} with the key login and pinned host key, the command after {@code --}. */
    private static String[] exec(Path knownHosts, String... command) {
        List<String> args = new ArrayList<>(List.of("ssh", "exec", "--endpoint", server.endpoint(), "--identity",
                server.clientKey().toString(), "--known-hosts", knownHosts.toString(), "--"));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    private static String[] withJson(String... args) {
        List<String> all = new ArrayList<>(List.of("--json"));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }

    @Test
    void keyLoginWithPinnedHostKeyRunsTheCommand() {
        long before = server.acceptedLogins();
        Run r = Run.of(env(), exec(server.knownHosts(), "echo", "hello"));
        assertEquals(0, r.status(), r::toString);
        assertEquals("hello\n", r.out());
        assertEquals("", r.err());
        assertTrue(server.acceptedLogins() > before, "sshd logged the login");
    }

    @Test
    void globalOptionsMayStandBeforeTheSubcommand() {
        Run r = Run.of(env(), "--endpoint", server.endpoint(), "--identity", server.clientKey().toString(), "--known-hosts",
                server.knownHosts().toString(), "ssh", "exec", "--", "id", "-un");
        assertEquals(0, r.status(), r::toString);
        assertEquals(server.keyUser() + "\n", r.out());
    }

    @Test
    void keyLoginTakesTheUserNameFromACredentialsFileWithoutPassword() throws IOException {
        Path file = server.dir().resolve("user-only.cred");
        Files.writeString(file, "# key login: no password\nusername=" + server.keyUser() + "\n");
        Run r = Run.of(Map.of(), "ssh", "exec", "--endpoint", server.endpoint(), "--identity", server.clientKey().toString(),
                "--known-hosts", server.knownHosts().toString(), "--credentials-file", file.toString(), "--", "id", "-un");
        assertEquals(0, r.status(), r::toString);
        assertEquals(server.keyUser() + "\n", r.out());
        Files.writeString(file, "password=only\n");
        Run noUser = Run.of(Map.of(), "ssh", "exec", "--endpoint", server.endpoint(), "--identity", server.clientKey().toString(),
                "--known-hosts", server.knownHosts().toString(), "--credentials-file", file.toString(), "--", "true");
        assertEquals(2, noUser.status(), noUser::toString);
        assertTrue(noUser.err().contains("username="), noUser::toString);
    }

    @Test
    void remoteStderrStaysOnStderrInText() {
        Run r = Run.of(env(), exec(server.knownHosts(), "echo out; echo oops >&2"));
        assertEquals(0, r.status(), r::toString);
        assertEquals("out\n", r.out());
        assertEquals("oops\n", r.err());
    }

    @Test
    void remoteFailureIsExit1WithOneLine() {
        Run r = Run.of(env(), exec(server.knownHosts(), "exit", "3"));
        assertEquals(1, r.status(), r::toString);
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("bmctl: ") && r.err().contains("exited with status 3"), r::toString);
    }

    @Test
    void jsonGivesExitStatusStdoutAndStderr() {
        Run ok = Run.of(env(), withJson(exec(server.knownHosts(), "echo out; echo err >&2")));
        assertEquals(0, ok.status(), ok::toString);
        assertEquals("", ok.err(), "the remote stderr is in the document, not on bmctl's stderr");
        JsonNode doc = JsonDocs.one(ok.out());
        assertEquals(List.of("exitStatus", "stdout", "stderr"), JsonDocs.keys(doc));
        assertEquals(0, doc.get("exitStatus").asInt());
        assertEquals("out\n", doc.get("stdout").asText());
        assertEquals("err\n", doc.get("stderr").asText());

        Run failed = Run.of(env(), withJson(exec(server.knownHosts(), "echo partial; exit 3")));
        assertEquals(1, failed.status(), failed::toString);
        JsonNode fdoc = JsonDocs.one(failed.out());
        assertEquals(3, fdoc.get("exitStatus").asInt());
        assertEquals("partial\n", fdoc.get("stdout").asText());
        assertEquals(1, failed.errLines().size(), failed::toString);

        Run after = Run.of(env(), exec(server.knownHosts(), "echo", "x"));
        List<String> placed = new ArrayList<>(List.of(exec(server.knownHosts(), "echo", "x")));
        placed.add(placed.indexOf("--"), "--json");
        Run jsonAfter = Run.of(env(), placed.toArray(String[]::new));
        assertEquals("x\n", after.out());
        assertEquals("x\n", JsonDocs.one(jsonAfter.out()).get("stdout").asText(), "--json after the subcommand works too");
    }

    @Test
    void unknownHostKeyIsRefusedBeforeAnyLoginAndNothingRuns() throws IOException {
        Path marker = server.dir().resolve("ran-" + System.nanoTime());
        long before = server.loginAttempts();
        Path knownHosts = server.knownHostsWithoutThisHost();
        Run r = Run.of(env(), exec(knownHosts, "touch", marker.toString()));
        assertEquals(1, r.status(), r::toString);
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().contains("is not in known_hosts " + knownHosts), r::toString);
        assertTrue(r.err().contains("SHA256:"), "shows the fingerprint to check: " + r);
        assertEquals(before, server.loginAttempts(), "no login was tried");
        assertFalse(Files.exists(marker), "nothing ran");
    }

    @Test
    void changedHostKeyIsRefused() throws IOException {
        long before = server.loginAttempts();
        Run r = Run.of(env(), exec(server.knownHostsWithOtherKey(), "true"));
        assertEquals(1, r.status(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().contains("does NOT match known_hosts"), r::toString);
        assertEquals(before, server.loginAttempts());
    }

    @Test
    void insecureDoesNotRelaxHostKeyChecks() throws IOException {
        List<String> args = new ArrayList<>(List.of(exec(server.knownHostsWithoutThisHost(), "true")));
        args.add(0, "--insecure");
        Run r = Run.of(env(), args.toArray(String[]::new));
        assertEquals(1, r.status(), r::toString);
        assertTrue(r.err().contains("not in known_hosts"), r::toString);
    }

    @Test
    void defaultKnownHostsIsTheUsersOwn() {
        Run r = Run.of(env(), "ssh", "exec", "--endpoint", server.endpoint(), "--identity", server.clientKey().toString(), "--", "true");
        // The server's port is picked at random, so the user's own file does not list it.
        assertEquals(1, r.status(), r::toString);
        assertTrue(r.err().contains("known_hosts " + Path.of(System.getProperty("user.home"), ".ssh", "known_hosts")), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
    }

    @Test
    void commandTimeoutIsAnOperationError() {
        List<String> args = new ArrayList<>(List.of(exec(server.knownHosts(), "sleep", "10")));
        args.addAll(2, List.of("--timeout", "500ms"));
        long start = System.nanoTime();
        Run r = Run.of(env(), args.toArray(String[]::new));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(8), "did not wait for the command");
        assertEquals(1, r.status(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().contains("did not finish within 500 ms"), r::toString);
    }

    @Test
    void nothingListeningIsAnOperationError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        Run r = Run.of(env(), "ssh", "exec", "--endpoint", "ssh://127.0.0.1:" + port, "--identity", server.clientKey().toString(),
                "--known-hosts", server.knownHosts().toString(), "--", "true");
        assertEquals(1, r.status(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().contains("127.0.0.1:" + port), r::toString);
    }

    @Test
    void passwordLoginTakesThePasswordFromTheEnvironmentOrAFile() throws IOException {
        assumeTrue(server.hasPasswordUser(), "password login needs a local user, made only when running as root");
        String password = server.password().reveal();
        Run fromEnv = Run.of(Map.of("BMCTL_USERNAME", OpenSsh.passwordUser(), "BMCTL_PASSWORD", password), "ssh", "exec", "--endpoint",
                server.endpoint(), "--known-hosts", server.knownHosts().toString(), "--", "id", "-un");
        assertEquals(0, fromEnv.status(), fromEnv::toString);
        assertEquals(OpenSsh.passwordUser() + "\n", fromEnv.out());

        Path file = server.dir().resolve("bmctl.cred");
        Files.writeString(file, "username=" + OpenSsh.passwordUser() + "\npassword=" + password + "\n");
        Run fromFile = Run.of(Map.of(), "ssh", "exec", "--endpoint", server.endpoint(), "--known-hosts", server.knownHosts().toString(),
                "--credentials-file", file.toString(), "--", "id", "-un");
        assertEquals(0, fromFile.status(), fromFile::toString);
        assertEquals(OpenSsh.passwordUser() + "\n", fromFile.out());

        Run wrong = Run.of(Map.of("BMCTL_USERNAME", OpenSsh.passwordUser(), "BMCTL_PASSWORD", "wrong-" + password), "ssh", "exec",
                "--endpoint", server.endpoint(), "--known-hosts", server.knownHosts().toString(), "--", "true");
        assertEquals(1, wrong.status(), wrong::toString);
        assertEquals(1, wrong.errLines().size(), wrong::toString);
        for (Run r : List.of(fromEnv, fromFile, wrong)) {
            assertFalse(r.out().contains(password) || r.err().contains(password), r::toString);
        }
    }

    @Test
    void badUsageIsExit2() {
        Run noUser = Run.of(Map.of(), exec(server.knownHosts(), "true"));
        assertEquals(2, noUser.status(), noUser::toString);
        assertTrue(noUser.err().contains("BMCTL_USERNAME"), noUser::toString);
        Run noCredentials = Run.of(Map.of(), "ssh", "exec", "--endpoint", server.endpoint(), "--", "true");
        assertEquals(2, noCredentials.status(), noCredentials::toString);
        Run wrongScheme = Run.of(env(), "ssh", "exec", "--endpoint", "redfish://127.0.0.1:" + server.port(), "--", "true");
        assertEquals(2, wrongScheme.status(), wrongScheme::toString);
        Run noEndpoint = Run.of(env(), "ssh", "exec", "--", "true");
        assertEquals(2, noEndpoint.status(), noEndpoint::toString);
        Run badTimeout = Run.of(env(), "ssh", "exec", "--endpoint", server.endpoint(), "--timeout", "soon", "--", "true");
        assertEquals(2, badTimeout.status(), badTimeout::toString);
    }

    /**
     * The one-line rule as a user sees it: bmctl in its own JVM with the real logging backend, where
     * SSHJ would otherwise log every connection and a stack trace for a refused host key.
     */
    @Test
    void everyFailureIsOneLineOnTheRealStderr() throws IOException {
        List<String[]> failures = List.of(
                exec(server.knownHosts(), "exit", "3"),
                withJson(exec(server.knownHosts(), "exit", "3")),
                exec(server.knownHostsWithoutThisHost(), "true"),
                exec(server.knownHostsWithOtherKey(), "true"));
        for (String[] args : failures) {
            Run r = Run.process(env(), args);
            assertEquals(1, r.status(), r::toString);
            assertEquals(1, r.errLines().size(), r::toString);
            assertTrue(r.err().startsWith("bmctl: "), r::toString);
        }
        Run ok = Run.process(env(), exec(server.knownHosts(), "echo", "hello"));
        assertEquals(0, ok.status(), ok::toString);
        assertEquals("hello\n", ok.out());
        assertEquals("", ok.err(), "no log chatter on success");
    }
}
