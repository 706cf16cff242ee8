package org.bmsdk.hardware.ipmi.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.hardware.ipmi.IpmiWorkaround;
import org.bmsdk.hardware.ipmi.peers.IpmiSim;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeTest {
    @Test
    void smoke(@TempDir Path dir) throws Exception {
        try (IpmiSim sim = IpmiSim.start(dir, null)) {
            IpmiDriverProvider p = IpmiDriverProvider.create(IpmiOptions.builder()
                    .workarounds(IpmiWorkaround.OPEN_SESSION_PRIVILEGE).powerPollInterval(Duration.ofMillis(100)).build());
            BmcEndpoint ep = BmcEndpoint.builder(sim.uri())
                    .credentials(CredentialRef.inline(Credentials.of(IpmiSim.ADMIN, sim.password()))).build();
            try (BmcClient c = p.connect(ep, DriverContext.defaults())) {
                PowerControl pc = c.require(PowerControl.class);
                assertEquals(PowerState.OFF, pc.powerState());
                pc.perform(PowerAction.ON, Duration.ofSeconds(10));
                assertEquals(PowerState.ON, pc.powerState());
                System.out.println(sim.setCalls());
            }
        }
    }
}
