package org.bmsdk.testkit.redfish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.bmsdk.testkit.redfish.RecordedRequest;

/** Properties of the request log: it keeps exactly the newest requests, in order, as they came. */
class RequestLogPropertiesTest {

    @Provide
    Arbitrary<List<RecordedRequest>> requests() {
        Arbitrary<RecordedRequest> one = Combinators.combine(
                Arbitraries.longs().between(0, 4_000_000_000L),
                Arbitraries.integers().between(0, 999_999_999),
                Arbitraries.of("GET", "POST", "PATCH", "DELETE"),
                Arbitraries.of("/redfish/v1/Systems/1", "/redfish/v1", "/redfish/v1/Managers/1?$expand=."),
                Arbitraries.of(0, 200, 204, 401, 503))
                .as((s, n, m, t, st) -> new RecordedRequest(Instant.ofEpochSecond(s, n), m, new String(t), st));
        return one.list().ofMaxSize(60);
    }

    @Property
    void keepsTheNewestInOrder(@ForAll("requests") List<RecordedRequest> sent, @ForAll @IntRange(min = 1, max = 25) int capacity) {
        RequestLog log = new RequestLog(capacity);
        List<RecordedRequest> expected = new ArrayList<>();
        for (RecordedRequest r : sent) {
            log.add(r.at(), r.method(), r.target(), r.status());
            expected.add(r);
            if (expected.size() > capacity) {
                expected.remove(0);
            }
            // checked after every request, so that every fill level and wrap position is seen
            assertEquals(expected, log.list());
        }
    }

    @Example
    void aRepeatedTargetIsKeptOnce() {
        RequestLog log = new RequestLog(4);
        String first = new String("/redfish/v1/Systems/1");
        log.add(Instant.EPOCH, "GET", first, 200);
        log.add(Instant.EPOCH, "GET", new String("/redfish/v1/Systems/1"), 200);
        List<RecordedRequest> kept = log.list();
        assertSame(first, kept.get(1).target());
    }

    @Example
    void refusesNoRoom() {
        assertThrows(IllegalArgumentException.class, () -> new RequestLog(0));
    }
}
