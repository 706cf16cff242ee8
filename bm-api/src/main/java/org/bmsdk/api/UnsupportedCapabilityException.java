package org.bmsdk.api;

import java.util.Objects;

/**
 * A capability was required that this device cannot give, with the reason: not offered by this
 * device at all, offered but not licensed, or not possible in its current state (for example
 * virtual media while the BMC is busy with another image, or SOL while the host is off on some
 * BMCs).
 */
public class UnsupportedCapabilityException extends BareMetalException {

    private static final long serialVersionUID = 1L;

    /** Why a capability is unavailable. */
    public enum Reason {
        /** The device or its driver does not offer it at all. */
        NOT_OFFERED,
        /** The device offers it only with a licence it does not have (iDRAC Enterprise, iLO Advanced). */
        NOT_LICENSED,
        /** The device offers it, but not in its current state (power state, another session). */
        NOT_IN_CURRENT_STATE
    }

    private final String capability;
    private final Reason reason;

    /**
     * Creates the error.
     *
     * @param capability the simple name of the capability, such as {@code VirtualMedia}
     * @param reason why it is unavailable
     * @param detail what the device said or what state prevents it
     * @param context where it happened
     */
    public UnsupportedCapabilityException(String capability, Reason reason, String detail, ErrorContext context) {
        super(capability + " is unavailable (" + reason + ")" + (detail.isEmpty() ? "" : ": " + detail),
                context, reason == Reason.NOT_IN_CURRENT_STATE, null);
        this.capability = Objects.requireNonNull(capability, "capability");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * The capability that was asked for.
     *
     * @return its simple name
     */
    public String capability() {
        return capability;
    }

    /**
     * Why it is unavailable.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
