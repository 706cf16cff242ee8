package org.bmsdk.api.bmc;

/**
 * What a caller asks of a machine's power. Each driver maps these to its protocol (Redfish
 * {@code ResetType}, IPMI Chassis Control); all behave alike on every driver.
 */
public enum PowerAction {
    /** Power on; returns once the machine is on. */
    ON(PowerState.ON),
    /** Power off at once, as pulling the plug; returns once off. */
    OFF(PowerState.OFF),
    /** Ask the operating system to shut down (ACPI); returns once off. */
    SOFT_OFF(PowerState.OFF),
    /** Hard reset; returns once on again. */
    REBOOT(PowerState.ON),
    /** Ask the operating system to shut down, then power on again. */
    SOFT_REBOOT(PowerState.ON),
    /** Power off, then on again. */
    POWER_CYCLE(PowerState.ON),
    /** Inject a non-maskable interrupt (a kernel crash dump); the power state does not change. */
    INJECT_NMI(null);

    private final PowerState target;

    PowerAction(PowerState target) {
        this.target = target;
    }

    /**
     * The state the machine is in once the action has taken effect.
     *
     * @return the target state, or null for {@link #INJECT_NMI}, which leaves power alone
     */
    public PowerState target() {
        return target;
    }
}
