package org.bmsdk.api.bmc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.credentials.CredentialRef;
import org.junit.jupiter.api.Test;

class BmcDriverRegistryTest {

    private static BmcEndpoint endpoint(String uri) {
        return BmcEndpoint.builder(uri).credentials(CredentialRef.env("U", "P")).build();
    }

    @Test
    void findsDiscoveredDriversByScheme() {
        BmcDriverRegistry registry = BmcDriverRegistry.loadInstalled();
        assertEquals("fake", registry.providerFor(endpoint("fake://bmc-1")).id());
    }

    @Test
    void anUnknownSchemeListsTheKnownOnes() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> BmcDriverRegistry.loadInstalled().providerFor(endpoint("redfish://bmc-1")));
        assertTrue(e.getMessage().contains("no BMC driver for scheme 'redfish'"), e.getMessage());
        assertTrue(e.getMessage().contains("known schemes: [dup, fake]"), e.getMessage());
    }

    @Test
    void twoDiscoveredDriversForOneSchemeAreAnErrorNotACoinToss() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> BmcDriverRegistry.loadInstalled().providerFor(endpoint("dup://bmc-1")));
        assertTrue(e.getMessage().contains("DupA") && e.getMessage().contains("DupB"), e.getMessage());
    }

    @Test
    void aDriverRegisteredByHandWinsOverDiscoveredOnes() {
        BmcDriverRegistry registry = BmcDriverRegistry.loadInstalled().register(new TestProviders.Mine());
        assertEquals("mine", registry.providerFor(endpoint("fake://bmc-1")).id());
        assertEquals("mine", registry.providerFor(endpoint("dup://bmc-1")).id());
        assertEquals("mine", registry.providers().get(0).id());
        assertThrows(ConfigurationException.class, () -> registry.register(new TestProviders.Mine()));
    }

    @Test
    void anExplicitDriverIdWinsOverTheScheme() {
        BmcDriverRegistry registry = BmcDriverRegistry.loadInstalled().register(new TestProviders.Mine());
        BmcEndpoint e = endpoint("fake://bmc-1").toBuilder().driverId("dup-b").build();
        assertEquals("dup-b", registry.providerFor(e).id());
        BmcEndpoint unknown = endpoint("fake://bmc-1").toBuilder().driverId("nope").build();
        assertThrows(ConfigurationException.class, () -> registry.providerFor(unknown));
    }

    @Test
    void requireSaysWhyACapabilityIsMissing() {
        try (BmcClient client = BmcDriverRegistry.loadInstalled().connect(endpoint("fake://bmc-1"), DriverContext.defaults())) {
            assertTrue(client.capability(VirtualMedia.class).isEmpty());
            UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
                    () -> client.require(VirtualMedia.class));
            assertEquals(UnsupportedCapabilityException.Reason.NOT_OFFERED, e.reason());
            assertEquals("VirtualMedia", e.capability());
            assertTrue(e.getMessage().startsWith("[fake fake://bmc-1 require] VirtualMedia is unavailable (NOT_OFFERED)"), e.getMessage());
        }
    }
}
