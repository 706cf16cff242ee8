package org.bmsdk.testkit.machine;

/**
 * Told of a machine's state changes, so that simulators can react: start a ramdisk's SSH server
 * when it has booted, drop a console session when the power goes off.
 *
 * <p>Events of one machine come one at a time, in the order they happened, never while the
 * machine's lock is held: a listener may call the machine. With a
 * {@link org.bmsdk.testkit.time.ManualClock} they are delivered before the call that caused them
 * (an operation or {@code advance}) returns, unless another thread is delivering that machine's
 * events at the time.
 */
@FunctionalInterface
public interface MachineListener {

    /**
     * Receives an event.
     *
     * @param event what changed
     */
    void onEvent(MachineEvent event);
}
