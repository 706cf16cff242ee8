package org.bmsdk.testkit.tck;

import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Store;

/** The suite against bm-api's in-memory store: the reference the durable stores must match. */
class InMemoryStoreTckTest extends StoreTck {

    @Override
    protected Store openStore() {
        return InMemoryStore.create();
    }
}
