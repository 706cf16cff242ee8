package org.bmsdk.testkit.network.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;

/**
 * One configuration of a simulated switch (the running one, or the saved one): its VLANs and its
 * ports. Mutable and not thread-safe: the switch guards it with its own lock.
 */
public final class SwitchModel {

    /** The VLAN every switch has and none may delete. */
    public static final int DEFAULT_VLAN = 1;

    private String hostname;
    private final TreeMap<Integer, String> vlans = new TreeMap<>();
    private final LinkedHashMap<String, Port> ports = new LinkedHashMap<>();

    /** One port's settings, as a switch keeps them: trunk settings survive in access mode and back. */
    public static final class Port {
        final String name;
        boolean shutdown;
        String description;
        boolean trunk;
        int accessVlan = DEFAULT_VLAN;
        /** Null: not configured (the platform default, VLAN 1). */
        Integer nativeVlan;
        /** Null: all VLANs (the default). */
        NavigableSet<Integer> allowed;
        /** SONiC: an access port that is no VLAN's untagged member (it reads as VLAN 1). */
        boolean noUntagged;

        Port(String name) {
            this.name = name;
        }

        Port copy() {
            Port p = new Port(name);
            p.shutdown = shutdown;
            p.description = description;
            p.trunk = trunk;
            p.accessVlan = accessVlan;
            p.nativeVlan = nativeVlan;
            p.allowed = allowed == null ? null : new TreeSet<>(allowed);
            p.noUntagged = noUntagged;
            return p;
        }
    }

    /**
     * A factory-default switch: VLAN 1 and the given ports, enabled, in access mode on VLAN 1.
     *
     * @param hostname the host name
     * @param portNames the ports
     */
    public SwitchModel(String hostname, List<String> portNames) {
        this.hostname = hostname;
        vlans.put(DEFAULT_VLAN, "default");
        for (String p : portNames) {
            ports.put(p, new Port(p));
        }
    }

    private SwitchModel(SwitchModel other) {
        this.hostname = other.hostname;
        this.vlans.putAll(other.vlans);
        other.ports.forEach((k, v) -> ports.put(k, v.copy()));
    }

    /** @return a deep copy */
    public SwitchModel copy() {
        return new SwitchModel(this);
    }

    String hostname() {
        return hostname;
    }

    void hostname(String name) {
        this.hostname = name;
    }

    TreeMap<Integer, String> vlans() {
        return vlans;
    }

    Map<String, Port> ports() {
        return ports;
    }

    Port port(String name) {
        return ports.get(name);
    }

    /**
     * Sets this model to a given configuration (for a switch's initial state). Ports not named keep
     * their factory defaults; VLAN names are {@code VLANnnnn}.
     *
     * @param config the configuration
     */
    public void apply(SwitchConfig config) {
        for (VlanId v : config.vlans()) {
            vlans.putIfAbsent(v.value(), defaultName(v.value()));
        }
        for (PortState s : config.ports().values()) {
            Port p = ports.computeIfAbsent(s.port(), Port::new);
            p.shutdown = !s.enabled();
            p.trunk = s.mode() == PortState.Mode.TRUNK;
            p.accessVlan = s.accessVlan() == null ? DEFAULT_VLAN : s.accessVlan().value();
            p.nativeVlan = s.nativeVlan() == null ? null : s.nativeVlan().value();
            if (p.trunk) {
                TreeSet<Integer> allowed = new TreeSet<>();
                s.allowedVlans().forEach(v -> allowed.add(v.value()));
                p.allowed = allowed.size() == 4094 ? null : allowed;
            }
        }
    }

    /**
     * This configuration in bm-api's terms, as a driver should read it back.
     *
     * @return VLANs and ports
     */
    public SwitchConfig view() {
        Set<VlanId> vlanIds = new TreeSet<>();
        vlans.keySet().forEach(v -> vlanIds.add(VlanId.of(v)));
        Map<String, PortState> states = new HashMap<>();
        for (Port p : ports.values()) {
            states.put(p.name, state(p));
        }
        return new SwitchConfig(vlanIds, states, Map.of());
    }

    /** @return the description of each port that has one */
    public Map<String, String> descriptions() {
        Map<String, String> out = new TreeMap<>();
        ports.values().forEach(p -> {
            if (p.description != null) {
                out.put(p.name, p.description);
            }
        });
        return out;
    }

    /** @return each VLAN's name, by id */
    public Map<Integer, String> vlanNames() {
        return new TreeMap<>(vlans);
    }

    static PortState state(Port p) {
        if (!p.trunk) {
            return new PortState(p.name, !p.shutdown, PortState.Mode.ACCESS, VlanId.of(p.accessVlan), null, Set.of(), null, null);
        }
        Set<VlanId> allowed = new TreeSet<>();
        if (p.allowed == null) {
            for (int v = 1; v <= 4094; v++) {
                allowed.add(VlanId.of(v));
            }
        } else {
            p.allowed.forEach(v -> allowed.add(VlanId.of(v)));
        }
        return new PortState(p.name, !p.shutdown, PortState.Mode.TRUNK, null,
                p.nativeVlan == null ? null : VlanId.of(p.nativeVlan), allowed, null, null);
    }

    static String defaultName(int vlan) {
        return String.format("VLAN%04d", vlan);
    }
}
