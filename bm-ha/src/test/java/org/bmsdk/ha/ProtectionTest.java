package org.bmsdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.workflow.BootSource;
import org.junit.jupiter.api.Test;

/** A spare boots the failed node's volume or its restored disk: the other boot sources of a deploy are refused. */
class ProtectionTest {

    @Test
    void aSpareBootsFromTheVolumeOrFromARestoredDiskOnly() {
        assertEquals(BootSource.volume(), Protection.automatic(Requirements.none()).bootSource());
        assertEquals(BootSource.disk(), new Protection(FailoverPolicy.AUTOMATIC, Requirements.none(), BootSource.disk()).bootSource());
        IllegalArgumentException pxe = assertThrows(IllegalArgumentException.class,
                () -> new Protection(FailoverPolicy.AUTOMATIC, Requirements.none(), BootSource.pxe()));
        assertTrue(pxe.getMessage().contains("PXE"), pxe.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Protection(FailoverPolicy.AUTOMATIC, Requirements.none(),
                BootSource.virtualMedia(URI.create("https://images.example/os.iso"))));
    }
}
