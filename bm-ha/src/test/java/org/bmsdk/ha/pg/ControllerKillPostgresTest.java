package org.bmsdk.ha.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.ha.Failover;
import org.bmsdk.ha.FailoverOrchestrator;
import org.bmsdk.ha.FailoverStep;
import org.bmsdk.ha.HaEvent;
import org.bmsdk.store.fixture.PostgresServer;
import org.bmsdk.store.jdbc.JdbcStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

/**
 * The controller process is killed (SIGKILL, a real kill) at a chosen point of a failover; a second
 * controller over the same PostgreSQL completes the failover exactly once, every effect once. The
 * machines are {@link StoredLab} fakes whose state lives in PostgreSQL, so that both processes see
 * them (no simulated BMC survives its controller's JVM otherwise).
 */
@Tag("interop")
class ControllerKillPostgresTest {

    private static final Duration LEASE = Duration.ofMillis(1500);

    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.startOrSkip();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "killed at {0} {1}")
    @CsvSource({
        "STEP_DONE, CLAIM_SPARE",     // between two steps: the spare claimed, networks next
        "STEP_STARTED, PREPARE_BOOT", // a step's start written, not acted
        "STEP_DONE, POWER_ON",        // the spare on, its heartbeat not confirmed
    })
    void aKilledControllersFailoverIsCompletedExactlyOnceByAnother(HaEvent.Kind kind, FailoverStep step) throws Exception {
        String url = server.newSchema();
        try (JdbcStore store = JdbcStore.postgres(url, PostgresServer.USER, server.password())) {
            StoredLab lab = new StoredLab(store);
            lab.seed();
            Process child = start(url, "c1", kind, step);
            long killedAt;
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                String line;
                List<String> seen = new ArrayList<>();
                while ((line = out.readLine()) != null && !line.startsWith("at ")) {
                    seen.add(line);
                }
                assertEquals("at " + kind + " " + step, line, () -> "child: " + seen + "\n" + stderr(child));
                child.destroyForcibly(); // SIGKILL: nothing runs after it
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
                killedAt = System.nanoTime();
            } finally {
                child.destroyForcibly();
            }
            assertEquals(137, child.exitValue(), "killed by SIGKILL");
            try (FailoverOrchestrator reader = lab.orchestrator("reader", LEASE, e -> { }).build()) {
                assertEquals(Failover.State.RUNNING, reader.failover(StoredLab.N1).orElseThrow().state(), "left halfway");
            }

            List<HaEvent> events = new CopyOnWriteArrayList<>();
            try (FailoverOrchestrator c2 = lab.orchestrator("c2", LEASE, events::add).build()) {
                assertTrue(c2.resumeAll().isEmpty() || System.nanoTime() - killedAt >= LEASE.toNanos(),
                        "c2 took the failover over while c1's lease held");
                long deadline = System.nanoTime() + LEASE.plusSeconds(20).toNanos();
                while (c2.failover(StoredLab.N1).orElseThrow().state() == Failover.State.RUNNING && System.nanoTime() < deadline) {
                    c2.resumeAll();
                    Thread.sleep(100);
                }
                Failover done = c2.failover(StoredLab.N1).orElseThrow();
                assertEquals(Failover.State.DONE, done.state(), done.lastError());
                assertEquals(StoredLab.S2, done.spare());
                Duration after = Duration.ofNanos(System.nanoTime() - killedAt);
                LoggerFactory.getLogger(ControllerKillPostgresTest.class).info("killed at {} {}: completed by c2 {} ms after the kill (lease {} ms)",
                        kind, step, after.toMillis(), LEASE.toMillis());
                assertTrue(after.compareTo(LEASE.plusSeconds(15)) < 0, "completed " + after + " after the kill");
            }
            assertEquals(1, events.stream().filter(e -> e.kind() == HaEvent.Kind.FAILOVER_DONE).count(), events.toString());
            assertEquals(1, lab.effects("off:n1"), "fenced once");
            assertEquals(1, lab.effects("on:s2"), "spare powered on once");
            assertEquals(0, lab.effects("on:s1"));
            assertEquals(1, lab.effects("restore:n1->s2"), "restored once");
            assertEquals("OFF,down", lab.machine(StoredLab.N1));
            assertEquals("ON,up", lab.machine(StoredLab.S2));
            assertEquals(ProvisionState.ACTIVE, store.nodes().get(StoredLab.S2).orElseThrow().value().provisionState());
            assertEquals(ProvisionState.ERROR, store.nodes().get(StoredLab.N1).orElseThrow().value().provisionState());
            assertEquals(ProvisionState.AVAILABLE, store.nodes().get(StoredLab.S1).orElseThrow().value().provisionState());
        }
    }

    private static Process start(String url, String id, HaEvent.Kind kind, FailoverStep step) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), FailoverChild.class.getName(), url, id, String.valueOf(LEASE.toMillis()), kind.name(),
                step.name());
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put(FailoverChild.PASSWORD_ENV, server.password().reveal());
        return pb.start();
    }

    private static String stderr(Process p) {
        try {
            return new String(p.getErrorStream().readNBytes(20_000), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
