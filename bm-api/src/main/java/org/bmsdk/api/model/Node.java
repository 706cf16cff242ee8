package org.bmsdk.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.lifecycle.LifecycleState;
import org.bmsdk.api.lifecycle.ProvisionState;

/**
 * A bare-metal machine as the controller knows it: how to reach its BMC, its network ports and
 * where they are plugged in, what it is made of, where it stands in its life, whose it is, and
 * whether an operator has taken it out of service.
 *
 * <p>Immutable; change it with {@link #toBuilder()}. A store keeps it with a version so that two
 * writers never both win.
 */
public final class Node {

    private final NodeId id;
    private final String name;
    private final List<BmcEndpoint> bmcEndpoints;
    private final List<Port> ports;
    private final HardwareInventory inventory;
    private final String resourceClass;
    private final ProvisionState provisionState;
    private final ProvisionState targetProvisionState;
    private final PowerState powerState;
    private final String owner;
    private final boolean maintenance;
    private final String maintenanceReason;

    private Node(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.name = b.name == null ? b.id.value() : b.name;
        this.bmcEndpoints = List.copyOf(b.bmcEndpoints);
        this.ports = List.copyOf(b.ports);
        this.inventory = b.inventory;
        this.resourceClass = b.resourceClass;
        this.provisionState = b.provisionState;
        this.targetProvisionState = b.targetProvisionState == null ? usualTarget(b.provisionState) : b.targetProvisionState;
        this.powerState = b.powerState;
        this.owner = b.owner;
        this.maintenance = b.maintenance;
        this.maintenanceReason = b.maintenance ? b.maintenanceReason : "";
        // Validates the pair: a resting state is its own target, a step's target is a resting state.
        new LifecycleState(provisionState, targetProvisionState, maintenance);
    }

    /** Where a step leads when nobody said: the step's usual outcome in the standard table. */
    private static ProvisionState usualTarget(ProvisionState state) {
        switch (state) {
            case VERIFYING:
            case INSPECTING:
                return ProvisionState.MANAGEABLE;
            case CLEANING:
            case DELETING:
                return ProvisionState.AVAILABLE;
            case DEPLOYING:
            case UNRESCUING:
                return ProvisionState.ACTIVE;
            case RESCUING:
                return ProvisionState.RESCUE;
            default:
                return state;
        }
    }

    /**
     * Starts a node in {@link ProvisionState#ENROLL}, power {@link PowerState#UNKNOWN}.
     *
     * @param id its id
     * @return a builder
     */
    public static Builder builder(NodeId id) {
        return new Builder(id);
    }

    /**
     * A builder holding this node's values.
     *
     * @return a builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(id);
        b.name = name;
        b.bmcEndpoints.addAll(bmcEndpoints);
        b.ports.addAll(ports);
        b.inventory = inventory;
        b.resourceClass = resourceClass;
        b.provisionState = provisionState;
        b.targetProvisionState = targetProvisionState;
        b.powerState = powerState;
        b.owner = owner;
        b.maintenance = maintenance;
        b.maintenanceReason = maintenanceReason;
        return b;
    }

    /** @return the id */
    public NodeId id() {
        return id;
    }

    /** @return a human name, the id unless set */
    public String name() {
        return name;
    }

    /** @return how to reach its BMC, the preferred first (a Redfish endpoint, then IPMI as fallback) */
    public List<BmcEndpoint> bmcEndpoints() {
        return bmcEndpoints;
    }

    /** @return its network ports */
    public List<Port> ports() {
        return ports;
    }

    /** @return what it is made of; empty until inspected */
    public HardwareInventory inventory() {
        return inventory;
    }

    /** @return the operator's class for it (such as {@code baremetal-gpu}), or {@code ""} */
    public String resourceClass() {
        return resourceClass;
    }

    /** @return where it stands in its life */
    public ProvisionState provisionState() {
        return provisionState;
    }

    /** @return where the step in progress leads (Ironic's target provision state); the state itself when resting */
    public ProvisionState targetProvisionState() {
        return targetProvisionState;
    }

    /** @return state, target and maintenance flag, as the lifecycle state machine takes them */
    public LifecycleState lifecycleState() {
        return new LifecycleState(provisionState, targetProvisionState, maintenance);
    }

    /** @return its last known power state */
    public PowerState powerState() {
        return powerState;
    }

    /** @return the tenant that owns it, if any */
    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    /** @return true when an operator has taken it out of service */
    public boolean maintenance() {
        return maintenance;
    }

    /** @return why it is in maintenance, {@code ""} when it is not */
    public String maintenanceReason() {
        return maintenanceReason;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Node)) {
            return false;
        }
        Node n = (Node) o;
        return id.equals(n.id) && name.equals(n.name) && bmcEndpoints.equals(n.bmcEndpoints) && ports.equals(n.ports)
                && inventory.equals(n.inventory) && resourceClass.equals(n.resourceClass)
                && provisionState == n.provisionState && targetProvisionState == n.targetProvisionState && powerState == n.powerState && Objects.equals(owner, n.owner)
                && maintenance == n.maintenance && maintenanceReason.equals(n.maintenanceReason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, provisionState, powerState, owner);
    }

    @Override
    public String toString() {
        return "Node[" + id + (name.equals(id.value()) ? "" : " '" + name + "'") + ", " + provisionState + ", power " + powerState
                + (owner == null ? "" : ", owner " + owner) + (maintenance ? ", maintenance: " + maintenanceReason : "") + "]";
    }

    /** Builds a {@link Node}. */
    public static final class Builder {
        private final NodeId id;
        private String name;
        private final List<BmcEndpoint> bmcEndpoints = new ArrayList<>();
        private final List<Port> ports = new ArrayList<>();
        private HardwareInventory inventory = HardwareInventory.builder().build();
        private String resourceClass = "";
        private ProvisionState provisionState = ProvisionState.ENROLL;
        private ProvisionState targetProvisionState;
        private PowerState powerState = PowerState.UNKNOWN;
        private String owner;
        private boolean maintenance;
        private String maintenanceReason = "";

        private Builder(NodeId id) {
            this.id = Objects.requireNonNull(id, "id");
        }

        /**
         * Sets a human name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Adds a BMC endpoint; the first added is preferred.
         *
         * @param endpoint the endpoint
         * @return this builder
         */
        public Builder bmc(BmcEndpoint endpoint) {
            bmcEndpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        /**
         * Replaces the BMC endpoints.
         *
         * @param endpoints the endpoints, preferred first
         * @return this builder
         */
        public Builder bmcEndpoints(List<BmcEndpoint> endpoints) {
            bmcEndpoints.clear();
            endpoints.forEach(this::bmc);
            return this;
        }

        /**
         * Adds a port.
         *
         * @param port the port
         * @return this builder
         */
        public Builder port(Port port) {
            ports.add(Objects.requireNonNull(port, "port"));
            return this;
        }

        /**
         * Replaces the ports.
         *
         * @param newPorts the ports
         * @return this builder
         */
        public Builder ports(List<Port> newPorts) {
            ports.clear();
            newPorts.forEach(this::port);
            return this;
        }

        /**
         * Sets the inventory.
         *
         * @param inventory the inventory
         * @return this builder
         */
        public Builder inventory(HardwareInventory inventory) {
            this.inventory = Objects.requireNonNull(inventory, "inventory");
            return this;
        }

        /**
         * Sets the resource class.
         *
         * @param resourceClass such as {@code baremetal-gpu}
         * @return this builder
         */
        public Builder resourceClass(String resourceClass) {
            this.resourceClass = Objects.requireNonNull(resourceClass, "resourceClass");
            return this;
        }

        /**
         * Sets a resting provision state (its own target). Workflows change it through the lifecycle
     * state machine only, with {@link #lifecycle(LifecycleState)}.
         *
         * @param state the state
         * @return this builder
         */
        public Builder provisionState(ProvisionState state) {
            this.provisionState = Objects.requireNonNull(state, "provisionState");
            this.targetProvisionState = null;
            return this;
        }

        /**
         * Sets the provision state and its target from what the lifecycle state machine returned.
         * The maintenance flag is left alone: it changes only through {@link #maintenance}.
         *
         * @param state the state and target
         * @return this builder
         */
        public Builder lifecycle(LifecycleState state) {
            this.provisionState = state.state();
            this.targetProvisionState = state.target();
            return this;
        }

        /**
         * Sets the last known power state.
         *
         * @param state the state
         * @return this builder
         */
        public Builder powerState(PowerState state) {
            this.powerState = Objects.requireNonNull(state, "powerState");
            return this;
        }

        /**
         * Sets the owning tenant.
         *
         * @param owner the tenant, or null for none
         * @return this builder
         */
        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /**
         * Puts the node in maintenance with a reason, or takes it out.
         *
         * @param on true to put it in maintenance
         * @param reason why; ignored when {@code on} is false
         * @return this builder
         */
        public Builder maintenance(boolean on, String reason) {
            this.maintenance = on;
            this.maintenanceReason = on ? Objects.requireNonNull(reason, "reason") : "";
            return this;
        }

        /**
         * Builds the node.
         *
         * @return the node
         */
        public Node build() {
            return new Node(this);
        }
    }
}
