package org.bmsdk.ha.pg;

import java.time.Duration;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.ha.FailoverOrchestrator;
import org.bmsdk.ha.HaEvent;
import org.bmsdk.store.fixture.PostgresServer;
import org.bmsdk.store.jdbc.JdbcStore;

/**
 * A controller in a process of its own, for {@link ControllerKillPostgresTest} to kill with SIGKILL:
 * {@code URL CONTROLLER_ID LEASE_MS KIND STEP}, the password in {@link #PASSWORD_ENV}. It fails n1
 * over; at the event {@code KIND STEP} (say {@code STEP_DONE CLAIM_SPARE}, between two steps) it
 * prints {@code at KIND STEP} and stops there, its lease renewed by nobody, until killed.
 */
public final class FailoverChild {

    /** The environment variable that carries the PostgreSQL password. */
    public static final String PASSWORD_ENV = "BM_TEST_PG_PASSWORD";

    private FailoverChild() {
    }

    /**
     * Runs the controller.
     *
     * @param args URL, controller id, lease in milliseconds, the event kind and the step to stop at
     */
    public static void main(String[] args) {
        JdbcStore store = JdbcStore.postgres(args[0], PostgresServer.USER, Secret.of(System.getenv(PASSWORD_ENV)));
        HaEvent.Kind kind = HaEvent.Kind.valueOf(args[3]);
        String step = args[4];
        StoredLab lab = new StoredLab(store);
        FailoverOrchestrator o = lab.orchestrator(args[1], Duration.ofMillis(Long.parseLong(args[2])), e -> {
            System.out.println("event " + e.kind() + " " + e.step());
            System.out.flush();
            if (e.kind() == kind && e.step() != null && e.step().name().equals(step)) {
                System.out.println("at " + kind + " " + step);
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                }
            }
        }).build();
        o.trigger(StoredLab.N1, "host silent", true);
        System.out.println("finished");
        System.out.flush();
    }
}
