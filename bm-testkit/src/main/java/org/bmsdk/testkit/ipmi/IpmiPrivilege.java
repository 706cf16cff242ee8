package org.bmsdk.testkit.ipmi;

/**
 * The IPMI privilege levels a simulated BMC user may hold (IPMI v2.0 table 22-15's channel/user
 * privilege limits, without callback and OEM levels).
 */
public enum IpmiPrivilege {
    /** Reads state: power status, SEL, FRU, the serial console. */
    USER(2),
    /** Also changes state: chassis control, boot options, clearing the SEL. */
    OPERATOR(3),
    /** Everything, including configuration. */
    ADMINISTRATOR(4);

    private final int level;

    IpmiPrivilege(int level) {
        this.level = level;
    }

    /** @return the level as IPMI encodes it: 2, 3 or 4 */
    public int level() {
        return level;
    }
}
