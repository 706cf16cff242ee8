package org.bmsdk.hardware.tck;

import org.bmsdk.api.bmc.BmcDriverProvider;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.testkit.ipmi.IpmiPrivilege;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.IpmiUser;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.docs.DocSnippets;
import org.bmsdk.testkit.tck.BmcConnectionTck;
import org.junit.jupiter.api.Test;

/**
 * Connecting over IPMI, against the simulated IPMI BMC. IPMI has no TLS, so the certificate test is
 * skipped. Cipher suite 0 is not checked here: the simulator offers only suites 17 and 3; the driver
 * refuses to be configured with it, and refuses a BMC offering only 0 to 2
 * ({@code IpmiSimInteropTest} with ipmi_sim, {@code SessionProtocolTest}).
 */
class IpmiConnectionTest extends BmcConnectionTck {

    private static final String USER = "tck-admin";
    /** Not the simulator's default "password": that word is in the driver's message for a wrong one. */
    private static final String PASSWORD = "tck-Ipmi-Pa55!";

    private SimulatedIpmi bmc;

    // tag::bmc-connection-tck[]
    @Override
    protected BmcDriverProvider provider() {
        return new IpmiDriverProvider();
    }

    @Override
    protected BmcEndpoint.Builder startBmc(SimulatedMachine machine) {
        bmc = SimulatedIpmi.start(IpmiSpec.builder().users(IpmiUser.of(USER, PASSWORD, IpmiPrivilege.ADMINISTRATOR)).build(),
                machine);
        return endpointAt(bmc.address().getAddress().getHostAddress(), bmc.port());
    }

    @Override
    protected BmcEndpoint.Builder endpointAt(String host, int port) {
        return BmcEndpoint.builder("ipmi://" + host + ":" + port)
                .credentials(CredentialRef.inline(Credentials.of(USER, PASSWORD)));
    }

    @Override
    protected void stopBmcs() {
        if (bmc != null) {
            bmc.close();
        }
    }
    // end::bmc-connection-tck[]

    @Test
    void docsTckShowsHowToRunTheSuite() {
        DocSnippets.assertShownIn("docs/TCK.md", IpmiConnectionTest.class);
    }
}
