package org.bmsdk.testkit.machine;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.bmc.BmcCapability;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;

/**
 * An in-process BMC client with power control only, over whatever machine state a test or
 * benchmark keeps (a map, a store record): for code that must watch or fence many machines where a
 * protocol simulator per machine would cost too much (1,000 nodes on a small CI machine). No
 * network, no protocol: what is exercised is the caller, not a driver. Graceful shutdown is not
 * offered.
 */
public final class PowerOnlyBmc implements BmcClient, PowerControl {

    private static final BmcEndpoint ENDPOINT = BmcEndpoint.builder("redfish://127.0.0.1")
            .credentials(CredentialRef.inline(Credentials.of("admin", "not-used"))).build();

    /** The machine side: where its power state is read and changed. */
    public interface Power {

        /**
         * Reads the power state.
         *
         * @return the state
         */
        PowerState read();

        /**
         * Acts on the power (ON, OFF, ...); may throw a bm-api exception as a BMC would.
         *
         * @param action the action
         */
        void act(PowerAction action);
    }

    private final String driverId;
    private final Power power;

    private PowerOnlyBmc(String driverId, Power power) {
        this.driverId = Objects.requireNonNull(driverId, "driverId");
        this.power = Objects.requireNonNull(power, "power");
    }

    /**
     * Creates a client.
     *
     * @param driverId the driver id it reports, naming the fake in logs
     * @param power the machine's power
     * @return the client
     */
    public static PowerOnlyBmc of(String driverId, Power power) {
        return new PowerOnlyBmc(driverId, power);
    }

    @Override
    public BmcEndpoint endpoint() {
        return ENDPOINT;
    }

    @Override
    public String driverId() {
        return driverId;
    }

    @Override
    public <T extends BmcCapability> Optional<T> capability(Class<T> type) {
        return type == PowerControl.class ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    public PowerState powerState() {
        return power.read();
    }

    @Override
    public void perform(PowerAction action, Duration timeout) {
        power.act(action);
    }

    @Override
    public boolean gracefulShutdown(Duration timeout, boolean forceAfterTimeout) {
        throw new UnsupportedOperationException("a power-only fake BMC has no graceful shutdown");
    }

    @Override
    public void close() {
        // nothing held
    }

    @Override
    public String toString() {
        return "PowerOnlyBmc[" + driverId + "]";
    }
}
