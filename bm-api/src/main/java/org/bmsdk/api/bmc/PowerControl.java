package org.bmsdk.api.bmc;

import java.time.Duration;

/**
 * Power control. Every driver behaves alike: a call returns once the machine has reached the
 * action's target state (not merely once the BMC accepted the request), or throws.
 */
public interface PowerControl extends BmcCapability {

    /**
     * Reads the power state.
     *
     * @return the state the BMC reports
     */
    PowerState powerState();

    /**
     * Performs a power action and waits until it has taken effect.
     *
     * @param action the action
     * @param timeout how long to wait for the target state
     * @throws org.bmsdk.api.OperationTimeoutException when the target state is not reached in time
     * @throws org.bmsdk.api.DeviceException when the BMC refuses
     */
    void perform(PowerAction action, Duration timeout);

    /**
     * Asks the operating system to shut down and waits until the machine is off. If it is still on
     * after {@code timeout}, powers it off hard only when {@code forceAfterTimeout} is true.
     *
     * @param timeout how long the operating system gets
     * @param forceAfterTimeout whether to power off hard when it does not finish in time
     * @return true when it shut down gracefully, false when it was forced off
     * @throws org.bmsdk.api.OperationTimeoutException when it is still on and forcing was not asked for
     */
    boolean gracefulShutdown(Duration timeout, boolean forceAfterTimeout);
}
