package org.bmsdk.testkit.tck;

import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Store;
import org.bmsdk.testkit.docs.DocSnippets;
import org.junit.jupiter.api.Test;

/** The suite against bm-api's in-memory store: the reference the durable stores must match. */
class InMemoryStoreTckTest extends StoreTck {

    // tag::store-tck[]
    @Override
    protected Store openStore() {
        return InMemoryStore.create();
    }
    // end::store-tck[]

    @Test
    void docsTckShowsHowToRunTheSuites() {
        DocSnippets.assertShownIn("docs/TCK.md", InMemoryStoreTckTest.class);
    }
}
