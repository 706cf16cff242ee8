package org.bmsdk.testkit.network;

import org.bmsdk.testkit.network.internal.Dialects;

/**
 * The CLI dialects a simulated switch speaks, named as netmiko's device types (and bm-sdk's
 * {@link org.bmsdk.api.network.SwitchEndpoint#dialect()}).
 */
public enum SwitchDialect {
    /** Cisco IOS (Catalyst): ports {@code GigabitEthernet1/0/n}, the {@code ^} marker under bad input. */
    CISCO_IOS("cisco_ios"),
    /** Arista EOS: ports {@code Ethernetn}, prompts that name the interface or VLAN being configured. */
    ARISTA_EOS("arista_eos");

    private final String id;

    SwitchDialect(String id) {
        this.id = id;
    }

    /** @return netmiko's device type, such as {@code cisco_ios} */
    public String id() {
        return id;
    }

    /**
     * The name of a default port.
     *
     * @param n 1 or more
     * @return such as {@code GigabitEthernet1/0/3} or {@code Ethernet3}
     */
    public String portName(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("ports are numbered from 1, but was " + n);
        }
        return Dialects.portName(id, n);
    }
}
