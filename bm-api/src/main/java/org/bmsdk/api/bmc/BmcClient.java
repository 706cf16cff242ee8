package org.bmsdk.api.bmc;

import java.util.Optional;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.UnsupportedCapabilityException;

/**
 * A connection to one BMC, through which its capabilities are reached. Blocking, thread-safe and
 * closeable; a driver shares one session per BMC among all callers of the process and serialises
 * what the BMC cannot take in parallel.
 *
 * <pre>{@code
 * try (BmcClient bmc = registry.connect(endpoint, context)) {
 *     bmc.require(PowerControl.class).perform(PowerAction.ON, Duration.ofMinutes(2));
 *     bmc.capability(VirtualMedia.class).ifPresent(vm -> vm.insert(image));
 * }
 * }</pre>
 */
public interface BmcClient extends AutoCloseable {

    /** @return the BMC this client talks to */
    BmcEndpoint endpoint();

    /** @return the id of the driver behind this client, such as {@code redfish} */
    String driverId();

    /**
     * A capability, if this BMC offers it now.
     *
     * @param <T> the capability type
     * @param type such as {@code PowerControl.class}
     * @return the capability, empty when unavailable ({@link #whyUnavailable(Class)} says why)
     */
    <T extends BmcCapability> Optional<T> capability(Class<T> type);

    /**
     * Why a capability is unavailable. Drivers override this to tell "not licensed" and "not in
     * the current state" from "not offered".
     *
     * @param type the capability type
     * @return the reason, or empty when the capability is available
     */
    default Optional<Unavailable> whyUnavailable(Class<? extends BmcCapability> type) {
        return capability(type).isPresent()
                ? Optional.empty()
                : Optional.of(new Unavailable(UnsupportedCapabilityException.Reason.NOT_OFFERED, "the " + driverId() + " driver does not offer it"));
    }

    /**
     * A capability that must be there.
     *
     * @param <T> the capability type
     * @param type such as {@code VirtualMedia.class}
     * @return the capability
     * @throws UnsupportedCapabilityException with the reason it is missing
     */
    default <T extends BmcCapability> T require(Class<T> type) {
        return capability(type).orElseThrow(() -> {
            Unavailable why = whyUnavailable(type).orElse(
                    new Unavailable(UnsupportedCapabilityException.Reason.NOT_IN_CURRENT_STATE, "it became unavailable while asked for"));
            return new UnsupportedCapabilityException(type.getSimpleName(), why.reason(), why.detail(),
                    ErrorContext.of(endpoint().uri().toString(), driverId(), "require"));
        });
    }

    /** Ends the BMC session (logging out where the protocol has sessions). */
    @Override
    void close();

    /**
     * Why a capability is unavailable.
     *
     * @param reason not offered, not licensed or not now
     * @param detail what the device said or what state prevents it
     */
    record Unavailable(UnsupportedCapabilityException.Reason reason, String detail) {
        /** Validates the components. */
        public Unavailable {
            java.util.Objects.requireNonNull(reason, "reason");
            java.util.Objects.requireNonNull(detail, "detail");
        }
    }
}
