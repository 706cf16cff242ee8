package org.bmsdk.api.network;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.PartialFailureException;

/**
 * The switches of a site, configured by intent: callers say what each port should be
 * ({@link PortIntent}); the fabric merges the intents of concurrent callers per switch, applies
 * them in one session with one save, reads the switch back and tells each caller what became of
 * its ports. It remembers the last intent of each port, so that drift can be found and repaired.
 *
 * <p>Implementations are thread-safe and blocking: a call returns once the batch carrying its
 * change has been applied and verified (or has failed), or throws
 * {@link org.bmsdk.api.OperationTimeoutException} after the fabric's call timeout, in which case
 * the change may still be applied later.
 */
public interface SwitchFabric extends AutoCloseable {

    /** @return the ids of the switches it configures */
    Set<String> switches();

    /**
     * Applies intents, each switch's share in one batch, the switches in parallel. When several
     * intents name one port, the last one wins. A port that already matches its intent is left
     * alone: applying the same intents twice sends no configuration the second time.
     *
     * @param intents the ports' desired states
     * @return one result per intent, in order; a failure of a switch is a {@link PortResult.Status#FAILED}
     *     result for each of its ports, never an exception
     * @throws org.bmsdk.api.ConfigurationException when an intent names an unknown switch
     */
    List<PortResult> apply(Collection<PortIntent> intents);

    /**
     * Applies intents and throws when any failed.
     *
     * @param intents the ports' desired states
     * @return the results, none failed
     * @throws PartialFailureException naming each port's state when any failed
     */
    default List<PortResult> applyOrThrow(Collection<PortIntent> intents) {
        List<PortResult> results = apply(intents);
        if (results.stream().allMatch(PortResult::ok)) {
            return results;
        }
        Map<String, String> parts = new LinkedHashMap<>();
        results.forEach(r -> parts.put(r.intent().switchId() + " " + r.intent().port(), r.describe()));
        throw new PartialFailureException("some ports did not reach their intent:", ErrorContext.of("", "", "ports.apply"), parts,
                null);
    }

    /**
     * Deletes VLANs from a switch, after the intents queued before. The caller makes sure no port
     * uses them any more.
     *
     * @param switchId the switch
     * @param vlans the VLANs
     * @throws PartialFailureException when a VLAN is still there afterwards
     */
    void deleteVlans(String switchId, Set<VlanId> vlans);

    /**
     * Reads a switch back and compares every port it has an intent for.
     *
     * @param switchId the switch
     * @return the drifted ports
     */
    DriftReport drift(String switchId);

    /**
     * Applies again the last intent of every port of a switch that drifted from it.
     *
     * @param switchId the switch
     * @return one result per remembered intent
     */
    List<PortResult> repair(String switchId);

    /**
     * Reads the link (operational) state of a switch's ports, in the session its changes use, for
     * health monitoring: a port whose far end lost power has no link.
     *
     * <p>The default reads nothing: an empty map, as for a driver that cannot read link state.
     *
     * @param switchId the switch
     * @return by port name as the switch's configuration spells it, true when the port has link;
     *     ports whose link the driver cannot read are absent
     * @throws org.bmsdk.api.TransportException when the switch cannot be reached
     */
    default Map<String, Boolean> linkStates(String switchId) {
        return Map.of();
    }

    /** Closes the kept sessions and stops the workers; pending calls fail. */
    @Override
    void close();
}
