package org.bmsdk.storage.iscsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeTarget;
import org.junit.jupiter.api.Test;

class IpxeSanbootTest {

    private static final VolumeConnector NODE = VolumeConnector.iscsi("iqn.2024-01.org.example:node-1");

    @Test
    void theScriptCarriesTheSecretAndItsToStringDoesNot() {
        VolumeTarget t = VolumeTarget.of("10.0.0.5:3260", "iqn.2024-01.org.bmsdk:vol1", 1,
                Credentials.of("bm-vol1", "s3cr3t-Value_123"));
        IpxeSanboot s = IpxeSanboot.of(t, NODE);
        assertEquals("#!ipxe\nset initiator-iqn iqn.2024-01.org.example:node-1\nset username bm-vol1\n"
                + "set password s3cr3t-Value_123\nsanboot iscsi:10.0.0.5::3260:1:iqn.2024-01.org.bmsdk:vol1\n", s.text());
        assertFalse(s.toString().contains("s3cr3t"));
        assertTrue(s.toString().contains("set password ****"));
    }

    @Test
    void withoutChapOnlyTheInitiatorIsSetAndIpv6KeepsItsBrackets() {
        VolumeTarget t = VolumeTarget.of("[fd00::5]:3260", "iqn.2024-01.org.bmsdk:vol1", 0, null);
        assertEquals("#!ipxe\nset initiator-iqn iqn.2024-01.org.example:node-1\n"
                + "sanboot iscsi:[fd00::5]::3260:0:iqn.2024-01.org.bmsdk:vol1\n", IpxeSanboot.of(t, NODE).text());
    }

    @Test
    void aSecretIpxeWouldExpandIsRefusedWithoutShowingIt() {
        VolumeTarget t = VolumeTarget.of("10.0.0.5:3260", "iqn.2024-01.org.bmsdk:vol1", 1,
                Credentials.of("bm-vol1", "has ${space} x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IpxeSanboot.of(t, NODE));
        assertFalse(e.getMessage().contains("space"));
        assertThrows(IllegalArgumentException.class,
                () -> IpxeSanboot.of(t, new VolumeConnector(VolumeConnector.Type.FIBRE_CHANNEL, "0011223344556677")));
    }
}
