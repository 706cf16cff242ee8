package org.bmsdk.api.network;

import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The desired state of one switch port, as data: on one VLAN untagged (access), on several tagged
 * with an optional untagged one (trunk), or idle (shut down in access mode on the idle VLAN, a
 * VLAN that reaches nothing). A {@link SwitchFabric} renders it to {@link SwitchSession} calls,
 * applies it, reads the port back and compares; applying the same intent twice sends nothing the
 * second time.
 *
 * <p>Only what bm-sdk isolates by is compared: enabled, mode and VLANs. A LAG membership or an ACL
 * on the port is left as it is.
 *
 * @param switchId the switch, as the fabric's endpoints name it
 * @param port the port as the switch spells it
 * @param kind access, trunk or idle
 * @param vlan the access VLAN (access) or the idle VLAN (idle); null for a trunk
 * @param nativeVlan the untagged VLAN of a trunk, or null
 * @param allowed the tagged VLANs of a trunk (the native one among them); empty otherwise
 */
public record PortIntent(String switchId, String port, Kind kind, VlanId vlan, VlanId nativeVlan, Set<VlanId> allowed) {

    /** What the port is for. */
    public enum Kind {
        /** Enabled, one untagged VLAN. */
        ACCESS,
        /** Enabled, tagged VLANs and optionally a native one. */
        TRUNK,
        /** Shut down, in access mode on the idle VLAN, no trunk VLANs. */
        IDLE
    }

    /** Validates the components and copies the VLAN set, sorted. */
    public PortIntent {
        if (switchId == null || switchId.isBlank()) {
            throw new IllegalArgumentException("switchId must not be blank");
        }
        if (port == null || port.isBlank()) {
            throw new IllegalArgumentException("port must not be blank");
        }
        Objects.requireNonNull(kind, "kind");
        allowed = Set.copyOf(new TreeSet<>(allowed == null ? Set.of() : allowed));
        if (kind == Kind.TRUNK) {
            if (vlan != null) {
                throw new IllegalArgumentException("a trunk has no access VLAN, but " + port + " had " + vlan);
            }
            if (nativeVlan != null && !allowed.contains(nativeVlan)) {
                throw new IllegalArgumentException("the native VLAN " + nativeVlan + " of " + port + " must be among its allowed "
                        + allowed);
            }
        } else {
            Objects.requireNonNull(vlan, "vlan");
            if (nativeVlan != null || !allowed.isEmpty()) {
                throw new IllegalArgumentException("an " + kind.name().toLowerCase(java.util.Locale.ROOT)
                        + " port has no trunk VLANs, but " + port + " had native " + nativeVlan + " and allowed " + allowed);
            }
        }
    }

    /**
     * An enabled access port.
     *
     * @param switchId the switch
     * @param port the port
     * @param vlan its VLAN
     * @return the intent
     */
    public static PortIntent access(String switchId, String port, VlanId vlan) {
        return new PortIntent(switchId, port, Kind.ACCESS, vlan, null, Set.of());
    }

    /**
     * An enabled trunk port.
     *
     * @param switchId the switch
     * @param port the port
     * @param nativeVlan the untagged VLAN, or null for none; it is allowed too
     * @param tagged the tagged VLANs
     * @return the intent
     */
    public static PortIntent trunk(String switchId, String port, VlanId nativeVlan, Set<VlanId> tagged) {
        Set<VlanId> all = new TreeSet<>(tagged);
        if (nativeVlan != null) {
            all.add(nativeVlan);
        }
        return new PortIntent(switchId, port, Kind.TRUNK, null, nativeVlan, all);
    }

    /**
     * An idle port: shut down, on the idle VLAN, no trunk.
     *
     * @param switchId the switch
     * @param port the port
     * @param idleVlan a VLAN that reaches nothing
     * @return the intent
     */
    public static PortIntent idle(String switchId, String port, VlanId idleVlan) {
        return new PortIntent(switchId, port, Kind.IDLE, idleVlan, null, Set.of());
    }

    /** @return whether the port should be enabled */
    public boolean enabled() {
        return kind != Kind.IDLE;
    }

    /** @return every VLAN the switch must have for this intent */
    public Set<VlanId> vlans() {
        Set<VlanId> out = new TreeSet<>(allowed);
        if (vlan != null) {
            out.add(vlan);
        }
        return out;
    }

    /**
     * Whether a port's state, as read back, is what this intent asks for.
     *
     * @param actual the port's state, or null when the switch has no such port
     * @return true when enabled, mode and VLANs match
     */
    public boolean satisfiedBy(PortState actual) {
        if (actual == null || actual.enabled() != enabled()) {
            return false;
        }
        if (kind == Kind.TRUNK) {
            return actual.mode() == PortState.Mode.TRUNK && Objects.equals(actual.nativeVlan(), nativeVlan)
                    && actual.allowedVlans().equals(allowed);
        }
        return actual.mode() == PortState.Mode.ACCESS && vlan.equals(actual.accessVlan());
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case ACCESS -> "access " + vlan;
            case IDLE -> "idle (shut, vlan " + vlan + ")";
            case TRUNK -> "trunk native " + (nativeVlan == null ? "none" : nativeVlan) + " allowed " + allowed;
        };
        return switchId + " " + port + ": " + what;
    }
}
