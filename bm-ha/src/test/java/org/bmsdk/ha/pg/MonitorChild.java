package org.bmsdk.ha.pg;

import java.time.Duration;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.ha.DetectorOptions;
import org.bmsdk.ha.HaEvent;
import org.bmsdk.store.fixture.PostgresServer;
import org.bmsdk.store.jdbc.JdbcStore;

/**
 * A controller instance (cluster member and monitor over a {@link Fleet}) in a process of its own,
 * for {@link ThreeControllersPostgresTest} to kill with SIGKILL:
 * {@code URL ID LEASE_MS REFRESH_MS DETECTION_MS PROBE_MS}, the password in
 * {@link FailoverChild#PASSWORD_ENV}. Prints {@code joined ID} once started, and every failover
 * event it sees.
 */
public final class MonitorChild {

    private MonitorChild() {
    }

    /**
     * Runs the instance until killed.
     *
     * @param args URL, id, lease, refresh interval, detection time and probe interval (ms)
     * @throws InterruptedException never, in practice
     */
    public static void main(String[] args) throws InterruptedException {
        JdbcStore store = JdbcStore.postgres(args[0], PostgresServer.USER, Secret.of(System.getenv(FailoverChild.PASSWORD_ENV)));
        DetectorOptions detector = DetectorOptions.builder().detectionTime(Duration.ofMillis(Long.parseLong(args[4])))
                .probeInterval(Duration.ofMillis(Long.parseLong(args[5]))).build();
        Fleet.Controller c = new Fleet().controller(store, args[1], Duration.ofMillis(Long.parseLong(args[2])),
                Duration.ofMillis(Long.parseLong(args[3])), detector, e -> {
                    if (e.kind() != HaEvent.Kind.ASSESSED) {
                        System.out.println("event " + e);
                        System.out.flush();
                    }
                });
        c.member().start();
        c.monitor().start(detector.probeInterval());
        System.out.println("joined " + c.member().id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
