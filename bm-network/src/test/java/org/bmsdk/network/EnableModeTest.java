package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A login that lands in user EXEC: the driver enters privileged EXEC with the login password. */
class EnableModeTest {

    @TempDir
    Path dir;

    @Test
    void theDriverEnablesWithTheLoginPassword() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw", SwitchDialect.CISCO_IOS).enableSecret(Secret.of(Lab.PASSWORD)))) {
            SimulatedSwitch sw = lab.get("sw");
            try (SwitchSession s = lab.open(sw)) {
                s.createVlan(VlanId.of(12), "twelve");
            }
            assertEquals("twelve", sw.vlanNames().get(12));
            assertEquals("enable", sw.commands().get(0));
            assertFalse(sw.commands().contains(Lab.PASSWORD), "the secret is not logged as a command");
        }
    }

    @Test
    void aRefusedEnableIsADeviceError() {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw", SwitchDialect.CISCO_IOS).enableSecret(Secret.of("other")))) {
            DeviceException e = assertThrows(DeviceException.class, () -> lab.open(lab.get("sw")));
            assertEquals("enable refused", e.deviceCode());
            assertFalse(e.getMessage().contains(Lab.PASSWORD));
        }
    }
}
