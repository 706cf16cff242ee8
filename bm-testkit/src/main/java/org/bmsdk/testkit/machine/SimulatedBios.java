package org.bmsdk.testkit.machine;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A machine's BIOS attributes as real BMCs handle them: changes and "reset to defaults" are staged
 * as pending and take effect at the next power-on or reset, when firmware runs POST. Only the
 * attributes named in the spec's defaults exist, as only those in a vendor's attribute registry do.
 * Thread-safe.
 */
public final class SimulatedBios {

    private final Map<String, String> defaults;
    private final Map<String, String> current;
    private final Map<String, String> pending = new TreeMap<>();
    private boolean resetPending;

    SimulatedBios(Map<String, String> defaults) {
        this.defaults = defaults;
        this.current = new TreeMap<>(defaults);
    }

    /** @return the attributes in effect, sorted by name */
    public synchronized Map<String, String> current() {
        return Collections.unmodifiableMap(new TreeMap<>(current));
    }

    /** @return the attributes as shipped, sorted by name */
    public Map<String, String> defaults() {
        return defaults;
    }

    /**
     * The changes that the next power-on or reset applies, after a staged reset if any.
     *
     * @return pending attribute values, sorted by name
     */
    public synchronized Map<String, String> pending() {
        return Collections.unmodifiableMap(new TreeMap<>(pending));
    }

    /** @return whether a reset to defaults is staged for the next power-on or reset */
    public synchronized boolean isResetPending() {
        return resetPending;
    }

    /**
     * Stages changes for the next power-on or reset; later changes to one attribute win.
     *
     * @param changes attribute names and new values
     * @throws IllegalArgumentException naming the attribute when one is unknown; nothing is staged then
     */
    public synchronized void stage(Map<String, String> changes) {
        Objects.requireNonNull(changes, "changes");
        changes.forEach((name, value) -> {
            if (!defaults.containsKey(name)) {
                throw new IllegalArgumentException("BIOS attribute '" + name + "' does not exist; known are "
                        + defaults.keySet());
            }
            Objects.requireNonNull(value, () -> "value of BIOS attribute " + name);
        });
        pending.putAll(changes);
    }

    /**
     * Stages a return to the defaults for the next power-on or reset, dropping changes staged
     * before it; changes staged after it are applied on top.
     */
    public synchronized void stageResetToDefaults() {
        pending.clear();
        resetPending = true;
    }

    /** Drops every staged change and any staged reset. */
    public synchronized void discardPending() {
        pending.clear();
        resetPending = false;
    }

    /** Applies what is staged; the machine calls it when POST starts. */
    synchronized void applyPending() {
        if (resetPending) {
            current.clear();
            current.putAll(defaults);
            resetPending = false;
        }
        current.putAll(pending);
        pending.clear();
    }

    /** @return whether anything is staged */
    synchronized boolean hasPending() {
        return resetPending || !pending.isEmpty();
    }
}
