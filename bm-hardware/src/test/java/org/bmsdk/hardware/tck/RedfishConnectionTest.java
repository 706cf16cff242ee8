package org.bmsdk.hardware.tck;

import java.time.Duration;
import org.bmsdk.api.bmc.BmcDriverProvider;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.hardware.redfish.RedfishDriverProvider;
import org.bmsdk.hardware.redfish.fixture.Rig;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.bmsdk.testkit.redfish.SimulatedRedfish;
import org.bmsdk.testkit.tck.TlsBmcConnectionTck;

/**
 * Connecting over Redfish, against the simulated Redfish BMC over HTTPS. Another CA is another
 * {@link RedfishLab}: each lab makes its own.
 */
class RedfishConnectionTest extends TlsBmcConnectionTck {

    private RedfishLab lab;
    private RedfishLab otherLab;
    private SimulatedRedfish bmc;

    @Override
    protected BmcDriverProvider provider() {
        return RedfishDriverProvider.create(Rig.OPTIONS);
    }

    @Override
    protected BmcEndpoint.Builder startBmc(SimulatedMachine machine) {
        lab = RedfishLab.create(1);
        bmc = lab.start(RedfishSpec.defaults(), machine);
        return Rig.endpoint(bmc);
    }

    @Override
    protected BmcEndpoint.Builder startBmcWithAnotherCa(SimulatedMachine machine) {
        otherLab = RedfishLab.create(1);
        return startBmc(machine).caCertificate(otherLab.caCertificate());
    }

    /**
     * The driver tries a connection again, up to {@link org.bmsdk.hardware.redfish.RedfishOptions#maxAttempts()}
     * times in all, and a read that timed out as often.
     */
    @Override
    protected Duration giveUpWithin(BmcEndpoint endpoint) {
        return endpoint.connectTimeout().plus(endpoint.requestTimeout()).multipliedBy(Rig.OPTIONS.maxAttempts()).plus(LOAD_SLACK);
    }

    @Override
    protected BmcEndpoint.Builder endpointAt(String host, int port) {
        return BmcEndpoint.builder("redfish://" + host + ":" + port)
                .credentials(CredentialRef.inline(RedfishSpec.defaults().credentials()));
    }

    @Override
    protected void stopBmcs() {
        for (AutoCloseable c : new AutoCloseable[] {bmc, lab, otherLab}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // best effort: the others still close
                }
            }
        }
    }
}
