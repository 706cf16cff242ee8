package org.bmsdk.hardware.redfish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.bmsdk.api.ErrorContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The quirk table picks each vendor's entry from a service root as the vendor serves it. */
class QuirkRegistryTest {

    private static Resource root(String fixture) throws Exception {
        try (InputStream in = QuirkRegistryTest.class.getResourceAsStream("/quirks/" + fixture)) {
            return Resource.of("/redfish/v1/", new ObjectMapper().readTree(in), ErrorContext.NONE);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "dell-idrac9.json, Dell iDRAC",
        "hpe-ilo5.json, HPE iLO",
        "hpe-ilo4.json, HPE iLO",
        "lenovo-xcc.json, Lenovo XCC",
        "supermicro-x12.json, Supermicro",
        "openbmc.json, OpenBMC",
        "generic-contoso.json, generic"
    })
    void eachRootFindsItsVendor(String fixture, String name) throws Exception {
        assertEquals(name, QuirkRegistry.standard().forRoot(root(fixture)).name());
    }

    @Test
    void vendorEntriesKeepTheGenericBusyIdsAndAddTheirOwn() {
        Quirks dell = QuirkRegistry.standard().vendors().get(0);
        assertTrue(dell.isBusy("Base.1.12.ServiceTemporarilyUnavailable"));
        assertTrue(dell.isBusy("IDRAC.2.8.SYS518"));
        assertTrue(dell.isBusy("IDRAC.1.6.SWC0700"));
        assertFalse(QuirkRegistry.standard().generic().isBusy("IDRAC.2.8.SYS518"));
        assertTrue(dell.isLicence("IDRAC.2.9.LIC501"));
    }

    @Test
    void messageIdsMatchWhateverTheRegistryVersion() {
        assertEquals("BASE.SERVICETEMPORARILYUNAVAILABLE", Quirks.key("Base.1.12.ServiceTemporarilyUnavailable"));
        assertEquals("BASE.SERVICETEMPORARILYUNAVAILABLE", Quirks.key("Base.ServiceTemporarilyUnavailable"));
        assertEquals("SYS518", Quirks.key("SYS518"));
    }

    @Test
    void everyVendorEntryIsDistinct() {
        List<String> names = QuirkRegistry.standard().vendors().stream().map(Quirks::name).toList();
        assertEquals(Set.of("Dell iDRAC", "HPE iLO", "Lenovo XCC", "Supermicro", "OpenBMC"), Set.copyOf(names));
        assertEquals(names.size(), Set.copyOf(names).size());
    }
}
