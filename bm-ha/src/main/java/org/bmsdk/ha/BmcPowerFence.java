package org.bmsdk.ha;

import java.time.Duration;
import java.util.Objects;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.FencingException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.ha.FenceResult;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.workflow.BmcConnector;

/**
 * Fences by a hard power off through the BMC ({@link PowerAction#OFF}, Redfish ForceOff), then reads
 * the power state back: only a read-back {@link PowerState#OFF} counts. A node already off counts
 * as fenced without an action.
 */
public final class BmcPowerFence implements FenceLevel {

    private final BmcConnector connector;
    private final Duration timeout;

    private BmcPowerFence(BmcConnector connector, Duration timeout) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Creates the level.
     *
     * @param connector opens a client to the node's BMC
     * @param timeout how long the power off may take
     * @return the level
     */
    public static BmcPowerFence create(BmcConnector connector, Duration timeout) {
        return new BmcPowerFence(connector, timeout);
    }

    @Override
    public String name() {
        return "bmc-power-off";
    }

    @Override
    public boolean usesBmc() {
        return true;
    }

    @Override
    public FenceResult fence(Node node) {
        try (BmcClient bmc = connector.connect(node)) {
            PowerControl power = bmc.require(PowerControl.class);
            PowerState before = power.powerState();
            if (before == PowerState.OFF) {
                return new FenceResult(FenceResult.Method.POWER_OFF, "already off (read back " + before + ")");
            }
            BareMetalException refused = null;
            try {
                power.perform(PowerAction.OFF, timeout);
            } catch (BareMetalException e) {
                // The read-back decides: a BMC may time out answering a ForceOff that took effect.
                refused = e;
            }
            PowerState after = power.powerState();
            if (after != PowerState.OFF) {
                throw new FencingException("power off of " + node.id() + " not verified: read back " + after
                        + (refused == null ? "" : " after " + refused.getMessage()), ErrorContext.of(bmc.endpoint().uri().toString(),
                                bmc.driverId(), "fence.power-off"), refused);
            }
            return new FenceResult(FenceResult.Method.POWER_OFF, "forced off from " + before + ", read back OFF");
        }
    }
}
