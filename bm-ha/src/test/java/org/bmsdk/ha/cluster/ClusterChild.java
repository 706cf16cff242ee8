package org.bmsdk.ha.cluster;

import java.time.Duration;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.store.fixture.PostgresServer;
import org.bmsdk.store.jdbc.JdbcStore;

/**
 * A controller instance in a process of its own, for {@link ClusterPostgresTest} to kill with
 * SIGKILL: {@code URL ID LEASE_MS REFRESH_MS}, the password in {@link #PASSWORD_ENV}. Prints
 * {@code joined} after its first refresh, then refreshes until killed.
 */
public final class ClusterChild {

    /** The environment variable that carries the PostgreSQL password. */
    public static final String PASSWORD_ENV = "BM_TEST_PG_PASSWORD";

    private ClusterChild() {
    }

    /**
     * Runs the instance.
     *
     * @param args URL, instance id, lease and refresh interval in milliseconds
     * @throws InterruptedException never, in practice: it is killed
     */
    public static void main(String[] args) throws InterruptedException {
        JdbcStore store = JdbcStore.postgres(args[0], PostgresServer.USER, Secret.of(System.getenv(PASSWORD_ENV)));
        ClusterMember member = ClusterMember.builder(store, args[1]).lease(Duration.ofMillis(Long.parseLong(args[2])))
                .refreshInterval(Duration.ofMillis(Long.parseLong(args[3]))).build().start();
        System.out.println("joined " + member.id());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
