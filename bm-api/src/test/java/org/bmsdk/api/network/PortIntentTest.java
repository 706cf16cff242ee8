package org.bmsdk.api.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PortIntentTest {

    private static final VlanId V10 = VlanId.of(10);
    private static final VlanId V20 = VlanId.of(20);

    private static PortState state(boolean up, PortState.Mode mode, VlanId access, VlanId nat, Set<VlanId> allowed) {
        return new PortState("Ethernet1", up, mode, access, nat, allowed, "Port-Channel1", "acl-1");
    }

    @Test
    void accessAndIdleCompareEnabledModeAndVlanOnly() {
        PortIntent access = PortIntent.access("sw", "Ethernet1", V10);
        assertTrue(access.satisfiedBy(state(true, PortState.Mode.ACCESS, V10, null, Set.of())), "a LAG or an ACL is not its business");
        assertFalse(access.satisfiedBy(state(false, PortState.Mode.ACCESS, V10, null, Set.of())), "shut");
        assertFalse(access.satisfiedBy(state(true, PortState.Mode.ACCESS, V20, null, Set.of())));
        assertFalse(access.satisfiedBy(state(true, PortState.Mode.TRUNK, null, V10, Set.of(V10))));
        assertFalse(access.satisfiedBy(null), "a port the switch does not have");

        PortIntent idle = PortIntent.idle("sw", "Ethernet1", V20);
        assertTrue(idle.satisfiedBy(state(false, PortState.Mode.ACCESS, V20, null, Set.of())));
        assertFalse(idle.satisfiedBy(state(true, PortState.Mode.ACCESS, V20, null, Set.of())), "idle means shut");
        assertEquals(Set.of(V20), idle.vlans());
        assertEquals("sw Ethernet1: idle (shut, vlan 20)", idle.toString());
    }

    @Test
    void aTrunkAllowsItsNativeVlanAndComparesBoth() {
        PortIntent trunk = PortIntent.trunk("sw", "Ethernet1", V10, Set.of(V20));
        assertEquals(Set.of(V10, V20), trunk.allowed());
        assertTrue(trunk.satisfiedBy(state(true, PortState.Mode.TRUNK, null, V10, Set.of(V10, V20))));
        assertFalse(trunk.satisfiedBy(state(true, PortState.Mode.TRUNK, null, null, Set.of(V10, V20))), "native differs");
        assertFalse(trunk.satisfiedBy(state(true, PortState.Mode.TRUNK, null, V10, Set.of(V10))), "allowed differs");
        assertTrue(PortIntent.trunk("sw", "E1", null, Set.of()).allowed().isEmpty());
    }

    @Test
    void inconsistentIntentsAreRefused() {
        IllegalArgumentException nat = assertThrows(IllegalArgumentException.class,
                () -> new PortIntent("sw", "E1", PortIntent.Kind.TRUNK, null, V10, Set.of(V20)));
        assertEquals("the native VLAN 10 of E1 must be among its allowed [20]", nat.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PortIntent("sw", "E1", PortIntent.Kind.ACCESS, V10, null, Set.of(V20)));
        assertThrows(NullPointerException.class, () -> new PortIntent("sw", "E1", PortIntent.Kind.IDLE, null, null, Set.of()));
        assertThrows(IllegalArgumentException.class, () -> PortIntent.access(" ", "E1", V10));
        assertThrows(IllegalArgumentException.class, () -> PortIntent.access("sw", "", V10));
    }

    @Test
    void resultsDescribeThePortAsReadBack() {
        PortIntent i = PortIntent.access("sw", "Ethernet1", V10);
        PortResult failed = new PortResult(i, PortResult.Status.FAILED, state(true, PortState.Mode.ACCESS, VlanId.of(1), null, Set.of()),
                "% Invalid input");
        assertEquals("failed: up access 1 (% Invalid input)", failed.describe());
        assertFalse(failed.ok());
        assertEquals("unchanged: unknown", new PortResult(i, PortResult.Status.UNCHANGED, null, null).describe());
    }
}
