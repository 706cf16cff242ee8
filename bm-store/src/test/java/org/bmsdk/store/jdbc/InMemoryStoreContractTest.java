package org.bmsdk.store.jdbc;

import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Store;

/** The contract, against bm-api's in-memory store: the reference the durable stores must match. */
class InMemoryStoreContractTest extends StoreContract {

    @Override
    protected Store openStore() {
        return InMemoryStore.create();
    }
}
