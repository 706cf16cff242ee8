package org.bmsdk.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.SwitchDriver;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SimulatedSwitches;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The compatibility suite of switch drivers ({@link SwitchDriver} and {@link SwitchSession}, BMT003):
 * what every driver must do, checked against a {@link SimulatedSwitch} of the driver's dialect over
 * SSH. A driver's test extends it and names its driver and dialect; each test starts a switch of its
 * own. The suite checks, each time through the driver's {@link SwitchSession#readBack()} and through
 * the switch's own running configuration:
 *
 * <ul>
 *   <li>an unknown host key (none known, or another switch's key for this address) is refused with
 *       an {@link AuthenticationException} before logging in, and nothing is configured;</li>
 *   <li>a wrong password is refused with an {@link AuthenticationException} whose message and
 *       {@code toString()} hold neither the wrong password nor the right one;</li>
 *   <li>a VLAN is created; a port goes to access on it, to trunk, then back to idle (shut down, in
 *       access on the idle VLAN, no trunk VLANs), each state read back alike both ways;</li>
 *   <li>a port the switch does not have is a typed error ({@link DeviceException} or
 *       {@link ConfigurationException}), not a silent success, and changes nothing;</li>
 *   <li>nothing is durable before {@link SwitchSession#save()} (unless the dialect's commit is its
 *       save: then everything is, at once), and after it the switch's saved configuration equals its
 *       running one;</li>
 *   <li>{@link SwitchSession#close()} twice is fine, and the switch sees the session end.</li>
 * </ul>
 */
public abstract class SwitchDriverTck {

    /** How long the switch may take to see a closed session end. */
    protected static final Duration WAIT = Duration.ofSeconds(20);

    /** The right password of the switch's login; a test that needs the wrong one uses another. */
    private static final String PASSWORD = "tck-Sw1tch-Pa55!";
    private static final String WRONG_PASSWORD = "tck-Wr0ng-Pa55!";
    private static final String USER = "netadmin";

    @TempDir
    Path tckDir;

    private SimulatedSwitches switches;
    private SimulatedSwitch sw;
    private Path knownHosts;

    /** @return the driver under test, newly made */
    protected abstract SwitchDriver driver();

    /** @return the dialect of the simulated switch the driver talks to */
    protected abstract SwitchDialect dialect();

    /**
     * Whether the dialect's commit is its save, so that every change is durable at once (Junos,
     * where the simulated switch boots with what was last committed). False by default: a change
     * must not reach the saved configuration before {@link SwitchSession#save()}.
     *
     * @return true when changes are durable without a save
     */
    protected boolean commitIsSave() {
        return false;
    }

    /**
     * The switch every test runs on; a subclass may change it (ports, an enable secret).
     *
     * @param name its name
     * @return the spec builder; the suite sets its login
     */
    protected SwitchSpec.Builder switchSpec(String name) {
        return SwitchSpec.builder(name, dialect());
    }

    @BeforeEach
    void startSwitch() {
        switches = SimulatedSwitches.start(switchSpec("tck-sw").login(USER, Secret.of(PASSWORD)).build());
        sw = switches.get("tck-sw");
        knownHosts = switches.writeKnownHosts(tckDir.resolve("known_hosts"));
    }

    @AfterEach
    void stopSwitch() {
        if (switches != null) {
            switches.close();
        }
    }

    private SwitchEndpoint endpoint(String password, Path hosts) {
        return SwitchEndpoint.builder(sw.name(), sw.sshUri().toString(), dialect().id())
                .credentials(CredentialRef.inline(Credentials.of(USER, password)))
                .knownHosts(hosts)
                .commandTimeout(Duration.ofSeconds(10))
                .build();
    }

    private SwitchSession open() {
        return driver().open(endpoint(PASSWORD, knownHosts), DriverContext.defaults());
    }

    /** Opens a session and uses it, so that a driver that connects lazily is checked as well. */
    private void openAndConfigure(SwitchEndpoint endpoint) {
        try (SwitchSession s = driver().open(endpoint, DriverContext.defaults())) {
            s.createVlan(VlanId.of(100), "tck-100");
        }
    }

    @Test
    void aSwitchWhoseHostKeyIsNotKnownIsRefusedAndNothingIsConfigured() throws IOException {
        SwitchConfig before = sw.runningConfig();
        Path none = Files.writeString(tckDir.resolve("known_hosts_empty"), "");
        assertThrows(AuthenticationException.class, () -> openAndConfigure(endpoint(PASSWORD, none)));

        // A key known for this address, but another switch's: a man in the middle, as far as the driver knows.
        try (SimulatedSwitches other = SimulatedSwitches.start(switchSpec("tck-other").login(USER, Secret.of(PASSWORD)).build())) {
            String otherKey = other.get("tck-other").knownHostsLine().split(" ", 2)[1];
            String ours = sw.knownHostsLine().split(" ", 2)[0];
            Path wrong = Files.writeString(tckDir.resolve("known_hosts_wrong"), ours + " " + otherKey + "\n");
            assertThrows(AuthenticationException.class, () -> openAndConfigure(endpoint(PASSWORD, wrong)));
        }
        assertEquals(0, sw.logins(), "refused before logging in");
        assertEquals(before, sw.runningConfig(), "nothing configured");
    }

    @Test
    void aWrongPasswordIsAnAuthenticationErrorThatHoldsNoSecret() {
        SwitchConfig before = sw.runningConfig();
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> openAndConfigure(endpoint(WRONG_PASSWORD, knownHosts)));
        for (String text : new String[] {e.getMessage(), e.toString()}) {
            assertFalse(text.contains(WRONG_PASSWORD), "the wrong password is in: " + text);
            assertFalse(text.contains(PASSWORD), "the password is in: " + text);
        }
        assertEquals(0, sw.logins());
        assertEquals(before, sw.runningConfig(), "nothing configured");
    }

    @Test
    void aPortGoesToAccessToTrunkAndBackToIdleEachReadBackAsTheSwitchHoldsIt() {
        String port = dialect().portName(1);
        VlanId tenant = VlanId.of(100);
        VlanId other = VlanId.of(200);
        VlanId idle = VlanId.of(999);
        try (SwitchSession s = open()) {
            s.createVlan(tenant, "tck-tenant");
            s.createVlan(other, "tck-other");
            s.createVlan(idle, "tck-idle");
            SwitchConfig vlans = agreed(s);
            assertTrue(vlans.vlans().containsAll(Set.of(tenant, other, idle)), "VLANs created: " + vlans.vlans());

            s.setAccessVlan(port, tenant);
            PortState access = agreed(s).port(port).orElseThrow();
            assertEquals(PortState.Mode.ACCESS, access.mode());
            assertEquals(tenant, access.accessVlan());
            assertTrue(access.enabled(), "a port is enabled by default");

            s.setTrunk(port, tenant, Set.of(other));
            PortState trunk = agreed(s).port(port).orElseThrow();
            assertEquals(PortState.Mode.TRUNK, trunk.mode());
            assertEquals(tenant, trunk.nativeVlan());
            assertEquals(Set.of(other), trunk.allowedVlans());

            s.setIdle(port, idle);
            PortState idled = agreed(s).port(port).orElseThrow();
            assertFalse(idled.enabled(), "an idle port is shut down");
            assertEquals(PortState.Mode.ACCESS, idled.mode());
            assertEquals(idle, idled.accessVlan());
            assertEquals(null, idled.nativeVlan(), "no native VLAN left over");
            assertTrue(idled.allowedVlans().isEmpty(), "no trunk VLANs left over: " + idled.allowedVlans());
        }
    }

    /**
     * A port the switch does not have. Protected so that a driver with a known gap here can override
     * it, {@code @Disabled} with the reason, rather than drop the whole suite.
     */
    @Test
    protected void aPortTheSwitchDoesNotHaveIsATypedErrorAndChangesNothing() {
        String missing = dialect().portName(sw.ports().size() + 1);
        assertFalse(sw.ports().contains(missing));
        try (SwitchSession s = open()) {
            s.createVlan(VlanId.of(100), "tck-100");
            SwitchConfig before = sw.runningConfig();
            BareMetalException e = assertThrows(BareMetalException.class, () -> s.setAccessVlan(missing, VlanId.of(100)));
            assertTrue(e instanceof DeviceException || e instanceof ConfigurationException,
                    "a device or configuration error, but was " + e);
            assertEquals(before, sw.runningConfig(), "nothing changed");
            assertTrue(s.readBack().port(missing).isEmpty(), "the port did not appear");

            // The session goes on after the error.
            s.setAccessVlan(dialect().portName(1), VlanId.of(100));
            assertEquals(VlanId.of(100), agreed(s).port(dialect().portName(1)).orElseThrow().accessVlan());
        }
    }

    @Test
    void saveMakesTheSavedConfigurationTheRunningOne() {
        try (SwitchSession s = open()) {
            s.createVlan(VlanId.of(100), "tck-100");
            s.setAccessVlan(dialect().portName(2), VlanId.of(100));
            if (commitIsSave()) {
                assertEquals(sw.runningConfig(), sw.savedConfig(), "each commit is durable");
            } else {
                assertNotEquals(sw.runningConfig(), sw.savedConfig(), "nothing is durable before save");
            }
            s.save();
            assertEquals(sw.runningConfig(), sw.savedConfig());
            assertEquals(agreed(s), sw.savedConfig());
        }
    }

    @Test
    void closingTwiceIsFineAndTheSwitchSeesTheSessionEnd() throws InterruptedException {
        SwitchSession s = open();
        s.createVlan(VlanId.of(100), "tck-100");
        s.close();
        s.close();
        Await.until(WAIT, () -> sw.openSessions() == 0, "the switch sees no open session, but has " + sw.openSessions());
        assertTrue(sw.runningConfig().vlans().contains(VlanId.of(100)), "what was done before close stays");
    }

    /** Reads the configuration back through the driver and checks the switch holds the same. */
    private SwitchConfig agreed(SwitchSession s) {
        SwitchConfig back = s.readBack();
        assertEquals(sw.runningConfig(), back, "the driver's read-back and the switch's running configuration");
        return back;
    }

    /** @return the simulated switch of the running test, for a subclass's own tests */
    protected final SimulatedSwitch simulatedSwitch() {
        return sw;
    }
}
