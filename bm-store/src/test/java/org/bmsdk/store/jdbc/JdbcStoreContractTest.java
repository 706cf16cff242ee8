package org.bmsdk.store.jdbc;

import java.nio.file.Path;
import java.util.List;
import org.bmsdk.api.store.Store;
import org.junit.jupiter.api.io.TempDir;

/** The contracts, against an H2 file, with a second store over the same file for half the threads. */
class JdbcStoreContractTest extends JdbcStoreContract {

    @TempDir
    Path dir;

    @Override
    protected Store openStore() {
        return JdbcStore.h2(dir.resolve("state"));
    }

    @Override
    protected Store openSecondStore() {
        return JdbcStore.h2(dir.resolve("state"));
    }

    @Override
    protected void execute(String sql) throws Exception {
        H2Console.execute(dir.resolve("state"), sql);
    }

    @Override
    protected List<String> query(String sql) throws Exception {
        return H2Console.query(dir.resolve("state"), sql);
    }
}
