package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.bmc.BmcDriverProvider;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.hardware.ipmi.IpmiPrivilege;
import org.bmsdk.hardware.ipmi.IpmiWorkaround;
import org.junit.jupiter.api.Test;

/** The public options, the workaround tokens, provider discovery, and what is printed. */
class OptionsTest {

    @Test
    void defaultsAreSafe() {
        IpmiOptions o = IpmiOptions.defaults();
        assertEquals(List.of(17, 3), o.cipherSuites());
        assertEquals(IpmiPrivilege.ADMINISTRATOR, o.privilege());
        assertEquals(Duration.ofSeconds(1), o.responseTimeout());
        assertEquals(4, o.retransmissions());
        assertEquals(Duration.ZERO, o.minCommandInterval());
        assertTrue(o.workarounds().isEmpty());
        assertEquals(o, o.toBuilder().build());
    }

    @Test
    void seventeenStaysPreferredWhateverTheOrderGiven() {
        assertEquals(List.of(17, 3), IpmiOptions.builder().cipherSuites(3, 17).build().cipherSuites());
        assertEquals(List.of(3), IpmiOptions.builder().cipherSuites(3).build().cipherSuites());
    }

    @Test
    void weakOrUnknownSuitesAndBadValuesAreRefused() {
        for (int id : new int[] {0, 1, 2, 6, 7, 11, 15, 16}) {
            assertTrue(assertThrows(ConfigurationException.class, () -> IpmiOptions.builder().cipherSuites(id)).getMessage()
                    .contains("refused"));
        }
        assertTrue(assertThrows(ConfigurationException.class, () -> IpmiOptions.builder().cipherSuites(8)).getMessage()
                .contains("not supported"));
        assertThrows(ConfigurationException.class, () -> IpmiOptions.builder().cipherSuites());
        assertThrows(IllegalArgumentException.class, () -> IpmiOptions.builder().responseTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> IpmiOptions.builder().retransmissions(-1));
        assertThrows(IllegalArgumentException.class, () -> IpmiOptions.builder().minCommandInterval(Duration.ofMillis(-1)));
    }

    @Test
    void workaroundsParseFromTokensOrNames() {
        assertEquals(EnumSet.of(IpmiWorkaround.OPEN_SESSION_PRIVILEGE, IpmiWorkaround.BOOT_FLAGS_READBACK),
                IpmiWorkaround.parse(" opensesspriv, BOOT_FLAGS_READBACK ,"));
        assertEquals(Set.of(), IpmiWorkaround.parse(""));
        for (IpmiWorkaround w : IpmiWorkaround.values()) {
            assertEquals(Set.of(w), IpmiWorkaround.parse(w.token().toUpperCase()));
        }
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> IpmiWorkaround.parse("intel20"));
        assertTrue(e.getMessage().contains("known: opensesspriv"), e.getMessage());
    }

    @Test
    void theProviderIsFoundByServiceLoaderAndChosenForTheIpmiScheme() {
        assertTrue(ServiceLoader.load(BmcDriverProvider.class).stream().anyMatch(p -> p.type() == IpmiDriverProvider.class));
        BmcDriverRegistry registry = BmcDriverRegistry.loadInstalled();
        BmcEndpoint e = BmcEndpoint.builder("ipmi://10.0.0.6").credentials(CredentialRef.env("U", "P")).build();
        assertEquals("ipmi", registry.providerFor(e).id());
        assertEquals(623, e.port());
        assertEquals(Set.of("ipmi"), new IpmiDriverProvider().schemes());
    }

    @Test
    void nothingPrintsAPassword() {
        Secret pw = Secret.of("hunter2-secret");
        SessionKey key = SessionKey.of(new InetSocketAddress("127.0.0.1", 623), "admin", pw, IpmiOptions.defaults());
        assertFalse(key.toString().contains("hunter2"));
        assertFalse(key.toString().contains(key.passwordFingerprint()));
        byte[] k = new byte[32];
        SessionSecurity s = new SessionSecurity(CipherSuite.SUITE_17, 1, 2, k, k);
        assertFalse(s.toString().contains("0000000000"));
        assertFalse(IpmiOptions.defaults().toString().contains("hunter2"));
        assertFalse(new IpmiDriverProvider().toString().contains("hunter2"));
    }

    @Test
    void consoleOptionsAreOffByDefaultAndPartOfEquality() {
        IpmiOptions d = IpmiOptions.defaults();
        assertTrue(d.consoleLogDirectory().isEmpty());
        assertFalse(d.consoleTakeover());
        IpmiOptions o = d.toBuilder().consoleLog(java.nio.file.Path.of("/var/log/bm"), 4096).consoleTakeover(true).build();
        assertEquals(java.nio.file.Path.of("/var/log/bm"), o.consoleLogDirectory().orElseThrow());
        assertEquals(4096, o.consoleLogMaxBytes());
        assertTrue(o.consoleTakeover());
        assertEquals(o, o.toBuilder().build());
        assertFalse(o.equals(d), "other console options, another session");
        assertTrue(o.toString().contains("consoleLog=/var/log/bm (4096 bytes)") && o.toString().contains("consoleTakeover"), o.toString());
        assertThrows(IllegalArgumentException.class, () -> IpmiOptions.builder().consoleLog(java.nio.file.Path.of("x"), 0));
        IpmiOptions kg = d.toBuilder().bmcKey(Secret.of("secret-kg-value")).build();
        assertEquals(kg, IpmiOptions.builder().bmcKey(Secret.of("secret-kg-value")).build());
        assertFalse(kg.equals(d.toBuilder().bmcKey(Secret.of("other")).build()));
        assertFalse(kg.toString().contains("secret-kg-value"), kg.toString());
        assertThrows(ConfigurationException.class, () -> IpmiOptions.builder().bmcKey(Secret.of("123456789012345678901")));
        assertEquals("127.0.0.1_623.log", SolConsole.logName(new InetSocketAddress("127.0.0.1", 623)));
        assertEquals("fe80_0_0_0_0_0_0_1_623.log", SolConsole.logName(new InetSocketAddress("fe80::1", 623)));
    }

    @Test
    void anEndpointQueryOtherThanKnownWorkaroundsIsRefusedBeforeAnyPacket() {
        for (String query : new String[] {"?workaround=opensesspriv", "?workarounds=nosuchflag", "?timeout=5"}) {
            BmcEndpoint e = BmcEndpoint.builder("ipmi://192.0.2.1" + query).credentials(CredentialRef.env("U", "P")).build();
            // 192.0.2.1 (TEST-NET-1) is never contacted: the refusal comes first.
            ConfigurationException x = assertThrows(ConfigurationException.class,
                    () -> new IpmiDriverProvider().connect(e, org.bmsdk.api.DriverContext.defaults()));
            assertTrue(x.getMessage().contains("workaround"), x.getMessage());
        }
    }
}
