package org.bmsdk.api.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.junit.jupiter.api.Test;

class FleetTest {

    private static List<Node> nodes(int n) {
        List<Node> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(Node.builder(NodeId.of("n" + i)).build());
        }
        return list;
    }

    /** Counts operations in flight overall and per target, and remembers the peaks. */
    private static final class Gauge {
        final AtomicInteger overall = new AtomicInteger();
        final AtomicInteger peakOverall = new AtomicInteger();
        final Map<String, AtomicInteger> perTarget = new ConcurrentHashMap<>();
        final AtomicInteger peakPerTarget = new AtomicInteger();

        String work(String target) {
            int now = overall.incrementAndGet();
            peakOverall.accumulateAndGet(now, Math::max);
            int t = perTarget.computeIfAbsent(target, k -> new AtomicInteger()).incrementAndGet();
            peakPerTarget.accumulateAndGet(t, Math::max);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            perTarget.get(target).decrementAndGet();
            overall.decrementAndGet();
            return target;
        }
    }

    @Property(tries = 25)
    void neverExceedsEitherLimitAndAnswersForEveryNode(@ForAll @IntRange(min = 1, max = 60) int count,
            @ForAll @IntRange(min = 1, max = 8) int targets, @ForAll @IntRange(min = 1, max = 6) int max,
            @ForAll @IntRange(min = 1, max = 3) int perTarget) {
        Fleet fleet = Fleet.builder().maxConcurrency(max).perTargetLimit(perTarget).build();
        Gauge gauge = new Gauge();
        List<Node> nodes = nodes(count);
        FleetResult<String> result = fleet.run(nodes, n -> "bmc-" + (Integer.parseInt(n.id().value().substring(1)) % targets),
                n -> gauge.work("bmc-" + (Integer.parseInt(n.id().value().substring(1)) % targets)));
        assertTrue(result.allSucceeded());
        assertEquals(nodes.stream().map(Node::id).toList(), List.copyOf(result.outcomes().keySet()));
        assertTrue(gauge.peakOverall.get() <= max, "overall peak " + gauge.peakOverall + " > " + max);
        assertTrue(gauge.peakPerTarget.get() <= perTarget, "per-target peak " + gauge.peakPerTarget + " > " + perTarget);
    }

    @Test
    void usesTheConcurrencyItIsAllowed() {
        Gauge gauge = new Gauge();
        Fleet.builder().maxConcurrency(4).perTargetLimit(1).build().run(nodes(40), n -> n.id().value(), n -> gauge.work(n.id().value()));
        assertTrue(gauge.peakOverall.get() > 1, "ran serially");
    }

    @Test
    void oneNodesFailureDoesNotStopTheOthers() {
        FleetResult<String> result = Fleet.builder().build().run(nodes(5), Fleet::bmcTarget, n -> {
            if (n.id().value().equals("n2")) {
                throw new DeviceException("refused", ErrorContext.of("bmc", "fake", "power"), "0xC1");
            }
            if (n.id().value().equals("n3")) {
                throw new IllegalStateException("driver bug");
            }
            return n.id().value();
        });
        assertFalse(result.allSucceeded());
        assertEquals(List.of("n0", "n1", "n4"), List.copyOf(result.values().values()));
        assertInstanceOf(DeviceException.class, result.errors().get(NodeId.of("n2")));
        assertTrue(result.errors().get(NodeId.of("n3")).getMessage().contains("driver bug"));
    }
}
