package org.bmsdk.hardware.tck;

import java.time.Duration;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.tck.PowerBehaviourTck;

/** NMI and graceful shutdown through the IPMI driver, the crash dump read over Serial-over-LAN. */
class IpmiPowerBehaviourTest extends PowerBehaviourTck {

    private SimulatedIpmi bmc;

    @Override
    protected BmcClient connect(SimulatedMachine machine) {
        bmc = SimulatedIpmi.start(IpmiSpec.defaults(), machine);
        IpmiOptions options = IpmiOptions.builder().powerPollInterval(Duration.ofMillis(20)).build();
        return IpmiDriverProvider.create(options).connect(BmcEndpoint.builder(bmc.uri().toString())
                .credentials(CredentialRef.inline(Credentials.of("admin", "password"))).build(), DriverContext.defaults());
    }

    @Override
    protected void stopBmc() {
        if (bmc != null) {
            bmc.close();
        }
    }
}
