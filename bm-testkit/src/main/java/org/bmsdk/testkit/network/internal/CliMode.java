package org.bmsdk.testkit.network.internal;

/** The modes of a Cisco-like CLI. */
enum CliMode {
    /** User EXEC ({@code >}) and privileged EXEC ({@code #}): which one is a flag of the session. */
    EXEC,
    /** Global configuration, {@code (config)#}. */
    CONFIG,
    /** Interface configuration, {@code (config-if)#}. */
    CONFIG_IF,
    /** VLAN configuration, {@code (config-vlan)#}. */
    CONFIG_VLAN,
    /** Access-list configuration, {@code (config-ext-nacl)#}, {@code (config-acl-NAME)#}. */
    CONFIG_ACL,
    /** The VXLAN tunnel interface: EOS's {@code Vxlan1}, NX-OS's {@code nve1}. */
    CONFIG_VXLAN
}
