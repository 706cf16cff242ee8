package org.bmsdk.testkit.machine;

/**
 * The faults of a simulated machine's host, injected by tests: one object per machine, from
 * {@link SimulatedMachine#faults()}. Lasting faults stay until {@link #clear()}, as a failed DIMM
 * or a broken shutdown script does; {@link #crash()} acts once, at once.
 *
 * <p>Faults of the BMC itself (dropping a session, answering slowly, failing the next request)
 * belong to the protocol simulators, which speak for the BMC: their own {@code faults()} objects
 * sit beside this one and reach the host's faults through the machine they serve.
 */
public final class MachineFaults {

    private final SimulatedMachine machine;
    private volatile boolean hangOnShutdown;
    private volatile boolean failPost;
    private volatile boolean bootLoop;

    MachineFaults(SimulatedMachine machine) {
        this.machine = machine;
    }

    /**
     * From now on a graceful shutdown hangs: the OS starts shutting down, then sticks in
     * {@link OsState#HUNG} with the power on until a hard power off, reset or power cycle.
     *
     * @return this object
     */
    public MachineFaults hangOnShutdown() {
        machine.update(() -> hangOnShutdown = true);
        return this;
    }

    /**
     * From now on POST fails: after the POST time the machine halts in {@link OsState#HUNG} with
     * a critical event log entry, without choosing a boot device (a boot-once override is kept).
     *
     * @return this object
     */
    public MachineFaults failPost() {
        machine.update(() -> failPost = true);
        return this;
    }

    /**
     * From now on the kernel panics at the end of each boot and reboots itself
     * {@link SimulatedMachine#PANIC_REBOOT_DELAY} later, as a machine that cannot mount its root
     * file system does. A boot into firmware setup is spared.
     *
     * @return this object
     */
    public MachineFaults bootLoop() {
        machine.update(() -> bootLoop = true);
        return this;
    }

    /**
     * Makes the running kernel panic now ({@link OsState#PANICKED}, a "Kernel panic" on the console,
     * a critical event log entry), as a kernel bug would; it halts there until reset or power off.
     *
     * @return whether a kernel was running to crash (booting, running, shutting down or hung)
     */
    public boolean crash() {
        return machine.crash();
    }

    /** Removes every lasting fault; a machine already hung or panicked stays so until reset. */
    public void clear() {
        machine.update(() -> {
            hangOnShutdown = false;
            failPost = false;
            bootLoop = false;
        });
    }

    /** @return whether graceful shutdowns hang */
    public boolean isHangOnShutdown() {
        return hangOnShutdown;
    }

    /** @return whether POST fails */
    public boolean isFailPost() {
        return failPost;
    }

    /** @return whether the kernel panics at the end of each boot */
    public boolean isBootLoop() {
        return bootLoop;
    }
}
