package org.bmsdk.api.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.storage.VolumeTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No secret may appear in the text of any type that carries one, nor in an error about it. */
class NoSecretInTextTest {

    @Property(tries = 300)
    void noCredentialBearingTypePrintsItsSecret(@ForAll @AlphaChars @NumericChars @StringLength(min = 10, max = 40) String password) {
        Secret secret = Secret.of(password);
        Credentials credentials = Credentials.of("admin", secret);
        CredentialRef inline = CredentialRef.inline(credentials);
        BmcEndpoint endpoint = BmcEndpoint.builder("redfish://10.0.0.5").credentials(inline).build();
        VolumeTarget target = VolumeTarget.of("127.0.0.1:3260", "iqn.2026-01.org.bmsdk:vol1", 1, credentials);

        for (Object o : new Object[] {secret, credentials, inline, endpoint, target}) {
            assertFalse(o.toString().contains(password), () -> o.getClass().getSimpleName() + " printed its secret: " + o);
        }
        assertTrue(credentials.toString().contains("admin"));
        assertEquals(password, secret.reveal());
    }

    @Property(tries = 100)
    void anAddressWithAPasswordIsRefusedWithoutEchoingIt(@ForAll @AlphaChars @StringLength(min = 10, max = 30) String password) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BmcEndpoint.builder("redfish://admin:" + password + "@10.0.0.5"));
        assertFalse(e.getMessage().contains(password), e.getMessage());
        assertTrue(e.getMessage().contains("must not carry credentials"), e.getMessage());
    }

    @Test
    void resolverErrorsNameTheReferenceNotTheValue(@TempDir Path dir) throws Exception {
        CredentialResolver resolver = StandardCredentialResolver.builder()
                .environment(Map.of("BMC_PASS", "hunter2-very-secret")::get).build();
        ConfigurationException noUser = assertThrows(ConfigurationException.class,
                () -> resolver.resolve(CredentialRef.env("BMC_USER", "BMC_PASS")));
        assertTrue(noUser.getMessage().contains("BMC_USER"), noUser.getMessage());
        assertFalse(noUser.getMessage().contains("hunter2"));

        Path file = dir.resolve("cred");
        Files.writeString(file, "password=hunter2-very-secret\n");
        ConfigurationException noUserLine = assertThrows(ConfigurationException.class, () -> resolver.resolve(CredentialRef.file(file)));
        assertTrue(noUserLine.getMessage().contains("username="), noUserLine.getMessage());
        assertFalse(noUserLine.getMessage().contains("hunter2"));
    }
}
