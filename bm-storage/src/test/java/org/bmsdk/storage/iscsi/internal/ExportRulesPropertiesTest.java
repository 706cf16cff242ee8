package org.bmsdk.storage.iscsi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The attach and detach rules, carried out on a simulated host (a target, or none, with its ACL),
 * against the model of BlockStorage's contract: the set of nodes a volume is exported to.
 */
class ExportRulesPropertiesTest {

    /** One call: attach or detach, for one of three nodes. */
    record Op(boolean attach, String node) {
    }

    @Property
    void theHostAlwaysMatchesTheModel(@ForAll boolean shareable, @ForAll("ops") List<Op> ops) {
        Set<String> model = new HashSet<>();
        Set<String> acl = null; // null: no target on the host
        for (Op op : ops) {
            boolean exists = acl != null;
            Set<String> current = exists ? Set.copyOf(acl) : Set.of();
            if (op.attach()) {
                boolean allowed = model.isEmpty() || model.contains(op.node()) || shareable;
                ExportRules.Attach a = ExportRules.attach(exists, current, shareable, op.node());
                assertEquals(!allowed, a == ExportRules.Attach.CONFLICT, op + " on " + current);
                assertEquals(model.contains(op.node()), a == ExportRules.Attach.ALREADY, op + " changes nothing when done");
                switch (a) {
                    case CREATE_TARGET -> acl = new HashSet<>(Set.of(op.node()));
                    case BIND -> acl.add(op.node());
                    default -> {
                    }
                }
                if (allowed) {
                    model.add(op.node());
                }
            } else {
                switch (ExportRules.detach(exists, current, op.node())) {
                    case UNBIND -> acl.remove(op.node());
                    case DELETE_TARGET -> acl = null;
                    case NOTHING -> {
                    }
                }
                model.remove(op.node());
            }
            assertEquals(model, acl == null ? Set.of() : acl, "after " + op);
            assertTrue(acl == null || !acl.isEmpty(), "no target is left exporting to nobody");
            assertTrue(shareable || model.size() <= 1, "a volume not shareable is exported to one node at most");
        }
    }

    @Property
    void aHalfMadeTargetIsRepairedOrRemoved(@ForAll boolean shareable, @ForAll("node") String node) {
        assertEquals(ExportRules.Attach.BIND, ExportRules.attach(true, Set.of(), shareable, node));
        assertEquals(ExportRules.Detach.DELETE_TARGET, ExportRules.detach(true, Set.of(), node));
    }

    @Provide
    Arbitrary<String> node() {
        return Arbitraries.of("iqn.2024-01.org.example:a", "iqn.2024-01.org.example:b", "iqn.2024-01.org.example:c");
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(true, false), node()).as(Op::new).list().ofMaxSize(30);
    }
}
