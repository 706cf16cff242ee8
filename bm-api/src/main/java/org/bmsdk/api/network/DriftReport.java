package org.bmsdk.api.network;

import java.util.List;
import java.util.Objects;

/**
 * The ports of a switch whose running configuration differs from their intent, found by reading
 * the switch back; {@link SwitchFabric#repair(String)} puts them right.
 *
 * @param switchId the switch
 * @param drifted each drifted port's intent and the state it was read back in
 */
public record DriftReport(String switchId, List<Drift> drifted) {

    /** Copies the list. */
    public DriftReport {
        Objects.requireNonNull(switchId, "switchId");
        drifted = List.copyOf(drifted);
    }

    /** @return true when every port matches its intent */
    public boolean clean() {
        return drifted.isEmpty();
    }

    /**
     * One drifted port.
     *
     * @param intent what it should be
     * @param actual what it is, or null when the switch has no such port
     */
    public record Drift(PortIntent intent, PortState actual) {

        /** Validates the intent. */
        public Drift {
            Objects.requireNonNull(intent, "intent");
        }

        @Override
        public String toString() {
            return intent + " but is " + (actual == null ? "missing" : PortResult.describe(actual));
        }
    }
}
