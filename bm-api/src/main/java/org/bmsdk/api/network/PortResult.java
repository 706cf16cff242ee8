package org.bmsdk.api.network;

import java.util.Objects;
import java.util.Optional;

/**
 * What became of one port's intent in a batch: left as it was because it already matched, applied
 * and verified by read-back, replaced by a later intent for the same port in the same batch, or
 * failed, with the state the port was read back in (when the switch could still be read).
 *
 * @param intent the intent the caller asked for
 * @param status what became of it
 * @param actual the port's state read back after the batch, or null when unknown
 * @param error why it failed (a switch error line, a lost session), or null
 */
public record PortResult(PortIntent intent, Status status, PortState actual, String error) {

    /** What became of an intent. */
    public enum Status {
        /** The port already matched: nothing was sent for it. */
        UNCHANGED,
        /** Changed, and the read-back matches. */
        APPLIED,
        /** A later intent for the same port in the same batch won; {@code actual} is the port now. */
        SUPERSEDED,
        /** Not applied, or the read-back does not match. */
        FAILED
    }

    /** Validates the components. */
    public PortResult {
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(status, "status");
    }

    /** @return true unless {@link Status#FAILED} */
    public boolean ok() {
        return status != Status.FAILED;
    }

    /** @return the state read back, empty when the switch could not be read */
    public Optional<PortState> actualIfKnown() {
        return Optional.ofNullable(actual);
    }

    /** @return the port's state in words, for {@link org.bmsdk.api.PartialFailureException#parts()} */
    public String describe() {
        String state = actual == null ? "unknown" : describe(actual);
        return status.name().toLowerCase(java.util.Locale.ROOT) + ": " + state + (error == null ? "" : " (" + error + ")");
    }

    /**
     * A port's state in words: {@code shut access 999}, {@code up trunk native 10 allowed [10, 20]}.
     *
     * @param s the state
     * @return the words
     */
    public static String describe(PortState s) {
        String vlans = s.mode() == PortState.Mode.ACCESS ? "access " + s.accessVlan()
                : "trunk native " + (s.nativeVlan() == null ? "none" : s.nativeVlan()) + " allowed "
                        + (s.allowedVlans().size() > 16 ? s.allowedVlans().size() + " vlans" : s.allowedVlans());
        return (s.enabled() ? "up " : "shut ") + vlans;
    }
}
