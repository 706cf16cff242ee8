package org.bmsdk.api.fleet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.model.NodeId;

/**
 * The outcome of a fleet operation for every node, in the order the nodes were given.
 *
 * @param <T> the value type
 */
public final class FleetResult<T> {

    private final Map<NodeId, Outcome<T>> outcomes;

    FleetResult(Map<NodeId, Outcome<T>> outcomes) {
        this.outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
    }

    /** @return every node's outcome, in input order */
    public Map<NodeId, Outcome<T>> outcomes() {
        return outcomes;
    }

    /** @return the values of the nodes that succeeded */
    public Map<NodeId, T> values() {
        Map<NodeId, T> m = new LinkedHashMap<>();
        outcomes.forEach((id, o) -> {
            if (o instanceof Outcome.Success<T> s) {
                m.put(id, s.value());
            }
        });
        return m;
    }

    /** @return the errors of the nodes that failed */
    public Map<NodeId, BareMetalException> errors() {
        Map<NodeId, BareMetalException> m = new LinkedHashMap<>();
        outcomes.forEach((id, o) -> {
            if (o instanceof Outcome.Failure<T> f) {
                m.put(id, f.error());
            }
        });
        return m;
    }

    /** @return true when every node succeeded */
    public boolean allSucceeded() {
        return outcomes.values().stream().allMatch(Outcome::succeeded);
    }

    @Override
    public String toString() {
        return "FleetResult[" + values().size() + " succeeded, " + errors().size() + " failed]";
    }
}
