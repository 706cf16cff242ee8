package org.bmsdk.testkit.network;

import java.util.List;
import java.util.Objects;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.testkit.network.internal.Dialects;
import org.bmsdk.testkit.network.internal.SwitchModel;

/**
 * The CLI dialects a simulated switch speaks, named as netmiko's device types (and bm-sdk's
 * {@link org.bmsdk.api.network.SwitchEndpoint#dialect()}).
 */
public enum SwitchDialect {
    /** Cisco IOS (Catalyst): ports {@code GigabitEthernet1/0/n}, the {@code ^} marker under bad input. */
    CISCO_IOS("cisco_ios"),
    /** Arista EOS: ports {@code Ethernetn}, prompts that name the interface or VLAN being configured. */
    ARISTA_EOS("arista_eos"),
    /** Cisco NX-OS (Nexus): ports {@code Ethernet1/n}, prompts ending in a blank, no {@code write memory}. */
    CISCO_NXOS("cisco_nxos"),
    /**
     * Juniper Junos (EX/QFX with ELS): ports {@code ge-0/0/n}, {@code user@host>} prompts,
     * {@code configure private}, {@code set}/{@code delete}, {@code commit}; {@code show
     * configuration | display set}; the configuration lock of {@link SwitchFaults#lockConfiguration(String)}.
     */
    JUNIPER_JUNOS("juniper_junos"),
    /**
     * Dell EMC OS10: ports {@code ethernet1/1/n}, {@code interface vlan N}, {@code % Error: ...},
     * {@code show running-configuration}.
     */
    DELL_OS10("dell_os10"),
    /**
     * SONiC with its click commands ({@code config vlan add}, {@code config vlan member add -u}) in
     * a bash shell, root through {@code sudo su}: ports {@code Ethernet0}, {@code Ethernet4}, ...
     */
    SONIC("sonic"),
    /** Cumulus Linux 5 with NVUE ({@code nv set}, {@code nv config apply -y}): ports {@code swpn}. */
    CUMULUS_NVUE("cumulus_nvue");

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

    /**
     * Prints a configuration as this dialect's {@code show running-config} does, for testing
     * parsers of it without a switch. Only what differs from the factory default is printed.
     *
     * @param hostname the switch's host name
     * @param config VLANs and port states (VLAN names are the defaults, {@code VLAN0100}); LAG
     *     members (a member's {@link org.bmsdk.api.network.PortState#lag()} makes its LAG interface),
     *     bound ACLs and their rules (as bm-sdk's drivers write them) and the VXLAN map, for the
     *     dialects that have them
     * @return the text, lines ending in {@code \n}
     */
    public String runningConfig(String hostname, SwitchConfig config) {
        Objects.requireNonNull(config, "config");
        SwitchModel model = new SwitchModel(hostname, List.of());
        model.apply(config, org.bmsdk.testkit.network.internal.Dialects.aclsAsRules(id));
        return Dialects.runningConfig(id, model);
    }
}
