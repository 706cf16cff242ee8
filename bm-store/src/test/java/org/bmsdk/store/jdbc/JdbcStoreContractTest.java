package org.bmsdk.store.jdbc;

import java.nio.file.Path;
import org.bmsdk.api.store.Store;
import org.junit.jupiter.api.io.TempDir;

/** The contract, against an H2 file, with a second store over the same file for half the threads. */
class JdbcStoreContractTest extends StoreContract {

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
}
