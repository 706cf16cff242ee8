package org.bmsdk.testkit.machine;

import java.util.Objects;

/**
 * The switch port a simulated NIC is cabled to, as LLDP would report it.
 *
 * @param switchId the switch's id (its chassis id or name in the simulated fabric)
 * @param port the port's name on that switch, such as {@code Ethernet1/1}
 */
public record SwitchPort(String switchId, String port) {

    /** Validates the components. */
    public SwitchPort {
        Objects.requireNonNull(switchId, "switchId");
        Objects.requireNonNull(port, "port");
        if (switchId.isBlank()) {
            throw new IllegalArgumentException("switchId must not be blank");
        }
        if (port.isBlank()) {
            throw new IllegalArgumentException("port must not be blank");
        }
    }

    /**
     * Creates a switch port.
     *
     * @param switchId the switch's id
     * @param port the port's name on the switch
     * @return the switch port
     */
    public static SwitchPort of(String switchId, String port) {
        return new SwitchPort(switchId, port);
    }
}
