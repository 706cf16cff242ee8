package org.bmsdk.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Part of a batch was applied and part was not, for example three of four switch ports moved to a
 * tenant VLAN before the switch failed. {@link #parts()} says, for every part, the state it was
 * left in, so that the caller (or a repair run) knows exactly what to undo or redo.
 */
public class PartialFailureException extends BareMetalException {

    private static final long serialVersionUID = 1L;

    private final transient Map<String, String> parts;

    /**
     * Creates the error.
     *
     * @param message what went wrong
     * @param context where it happened
     * @param parts for each part of the batch (such as a port name), the state it was left in
     * @param cause the error that stopped the batch, or null
     */
    public PartialFailureException(String message, ErrorContext context, Map<String, String> parts, Throwable cause) {
        super(message + " " + parts, context, false, cause);
        this.parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /**
     * The state each part was left in, in the order of the batch.
     *
     * @return an unmodifiable map from part to state
     */
    public Map<String, String> parts() {
        return parts;
    }
}
