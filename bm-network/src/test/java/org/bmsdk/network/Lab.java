package org.bmsdk.network;

import java.nio.file.Path;
import java.time.Duration;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.network.SwitchDriver;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SimulatedSwitches;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;

/** Simulated switches of both dialects and endpoints for them, with a known_hosts file. */
final class Lab implements AutoCloseable {

    static final String PASSWORD = "sw-Pa55word!";

    final SimulatedSwitches switches;
    final Path knownHosts;

    Lab(Path dir, SwitchSpec.Builder... specs) {
        java.util.List<SwitchSpec> built = new java.util.ArrayList<>();
        for (SwitchSpec.Builder b : specs) {
            built.add(b.login("netadmin", org.bmsdk.api.credentials.Secret.of(PASSWORD)).build());
        }
        this.switches = SimulatedSwitches.start(built);
        this.knownHosts = switches.writeKnownHosts(dir.resolve("known_hosts"));
    }

    static Lab both(Path dir) {
        return new Lab(dir, SwitchSpec.builder("ios-1", SwitchDialect.CISCO_IOS), SwitchSpec.builder("eos-1", SwitchDialect.ARISTA_EOS));
    }

    SimulatedSwitch get(String name) {
        return switches.get(name);
    }

    SwitchEndpoint endpoint(SimulatedSwitch sw) {
        return endpoint(sw, Duration.ofSeconds(10));
    }

    SwitchEndpoint endpoint(SimulatedSwitch sw, Duration commandTimeout) {
        return SwitchEndpoint.builder(sw.name(), sw.sshUri().toString(), sw.dialect().id())
                .credentials(CredentialRef.inline(Credentials.of("netadmin", PASSWORD)))
                .knownHosts(knownHosts)
                .commandTimeout(commandTimeout)
                .build();
    }

    static SwitchDriver driver(SwitchDialect dialect) {
        return org.bmsdk.api.network.SwitchDriverRegistry.loadInstalled().driverFor(dialect.id());
    }

    SwitchSession open(SimulatedSwitch sw) {
        return driver(sw.dialect()).open(endpoint(sw), DriverContext.defaults());
    }

    @Override
    public void close() {
        switches.close();
    }
}
