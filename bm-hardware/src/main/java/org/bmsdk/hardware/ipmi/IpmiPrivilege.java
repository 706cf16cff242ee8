package org.bmsdk.hardware.ipmi;

/**
 * The privilege level an IPMI session asks for (IPMI v2.0 table 6-1). Operator is enough for every
 * command this driver sends (chassis control, boot options, reading and clearing the SEL, reading
 * FRU data); Administrator is what ipmitool and Ironic ask for by default.
 */
public enum IpmiPrivilege {
    /** Operator: may control power and boot, read and clear logs. */
    OPERATOR(3),
    /** Administrator: everything, including user and channel configuration. */
    ADMINISTRATOR(4);

    private final int level;

    IpmiPrivilege(int level) {
        this.level = level;
    }

    /** @return the level as carried on the wire: 3 or 4 */
    public int level() {
        return level;
    }
}
