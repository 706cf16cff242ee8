package org.bmsdk.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.Test;

/**
 * {@link BmcConnectionTck} for a driver over TLS, which adds one check: a BMC whose certificate comes
 * from a CA the endpoint does not trust is refused with an {@link AuthenticationException}, and
 * accepted once the endpoint asks for insecure mode. (A suite of its own rather than a skipped test
 * for drivers without TLS: in CI a skipped test would read as a missing peer.)
 */
public abstract class TlsBmcConnectionTck extends BmcConnectionTck {

    /**
     * Starts a BMC whose certificate is signed by a CA other than the one the returned endpoint
     * trusts. The suite stops it with {@link #stopBmcs()}.
     *
     * @param machine the machine
     * @return an endpoint of that BMC with its account, trusting another CA
     */
    protected abstract BmcEndpoint.Builder startBmcWithAnotherCa(SimulatedMachine machine);

    @Test
    void aCertificateOfAnotherCaIsRefusedUnlessTheEndpointAsksForInsecureMode() {
        SimulatedMachine machine = machine();
        BmcEndpoint untrusted = startBmcWithAnotherCa(machine).build();
        assertThrows(AuthenticationException.class, () -> powerState(untrusted));
        assertEquals(machine.powerState(), powerState(untrusted.toBuilder().insecure(true).build()),
                "accepted when the endpoint asks for insecure mode");
    }
}
