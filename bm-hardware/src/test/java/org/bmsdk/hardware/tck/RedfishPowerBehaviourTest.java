package org.bmsdk.hardware.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.SerialConsole;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.hardware.console.ConsoleDialect;
import org.bmsdk.hardware.console.SshConsole;
import org.bmsdk.hardware.redfish.fixture.Rig;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.testkit.console.SimulatedVendorConsole;
import org.bmsdk.testkit.console.VendorConsoleSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.bmsdk.testkit.redfish.SimulatedRedfish;
import org.bmsdk.testkit.tck.PowerBehaviourTck;
import org.junit.jupiter.api.io.TempDir;

/**
 * NMI and graceful shutdown through the Redfish driver. Redfish has no serial console, so the crash
 * dump is read as on a Dell server: on the iDRAC's SSH console ({@code console com2}) of the same
 * machine.
 */
class RedfishPowerBehaviourTest extends PowerBehaviourTck {

    @TempDir
    Path dir;
    private RedfishLab lab;
    private SimulatedRedfish bmc;
    private SimulatedVendorConsole idrac;
    private SshConsole console;

    @Override
    protected BmcClient connect(SimulatedMachine machine) {
        lab = RedfishLab.create(1);
        bmc = lab.start(RedfishSpec.defaults(), machine);
        return Rig.connect(Rig.endpoint(bmc).build(), Rig.OPTIONS);
    }

    @Override
    protected SerialConsole console(BmcClient client, SimulatedMachine machine) {
        idrac = SimulatedVendorConsole.start(VendorConsoleSpec.builder().build(), machine);
        try {
            Path known = Files.writeString(dir.resolve("known_hosts"), idrac.knownHostsLine() + "\n");
            console = SshConsole.builder(SshOptions.builder().host(idrac.host()).port(idrac.port()).username("root")
                    .password(Secret.of("calvin")).knownHosts(known).build(), ConsoleDialect.IDRAC).build();
            return console;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void stopBmc() {
        for (AutoCloseable c : new AutoCloseable[] {console, idrac, bmc, lab}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // best effort
                }
            }
        }
    }
}
