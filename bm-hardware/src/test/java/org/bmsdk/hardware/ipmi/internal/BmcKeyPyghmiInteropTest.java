package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.hardware.ipmi.peers.PyghmiBmc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BMC key (Kg) against a pyghmi BMC that has one: it, not the password, keys the session. */
@Tag("interop")
class BmcKeyPyghmiInteropTest {

    @TempDir
    Path dir;
    PyghmiBmc bmc;

    @AfterEach
    void stop() {
        if (bmc != null) {
            bmc.close();
        }
    }

    BmcClient connect(IpmiOptions options) {
        return IpmiDriverProvider.create(options).connect(BmcEndpoint.builder(bmc.uri())
                .credentials(CredentialRef.inline(Credentials.of(PyghmiBmc.USER, bmc.password()))).build(), DriverContext.defaults());
    }

    @Test
    void theRightKeyOpensTheSessionAndNoKeyIsRefused() throws Exception {
        bmc = PyghmiBmc.start(dir, true, "kg-0123456789abcdef");
        try (BmcClient client = connect(IpmiOptions.builder().bmcKey(Secret.of("kg-0123456789abcdef")).build())) {
            assertEquals(PowerState.ON, client.require(PowerControl.class).powerState());
        }
        AuthenticationException none = assertThrows(AuthenticationException.class, () -> connect(IpmiOptions.defaults()).close());
        assertTrue(none.getMessage().contains("Kg"), none.getMessage());
        AuthenticationException wrong = assertThrows(AuthenticationException.class,
                () -> connect(IpmiOptions.builder().bmcKey(Secret.of("kg-wrong")).build()).close());
        assertTrue(!wrong.getMessage().contains("kg-wrong"), "the key is never in a message");
    }
}
