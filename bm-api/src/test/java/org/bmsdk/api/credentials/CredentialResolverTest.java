package org.bmsdk.api.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bmsdk.api.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialResolverTest {

    private final CredentialResolver resolver = StandardCredentialResolver.builder()
            .environment(Map.of("U", "admin", "P", "s3cret pass ")::get)
            .register("vault", ref -> Credentials.of("from-vault", ((CredentialRef.External) ref).location()))
            .build();

    @Test
    void resolvesEnvironmentVariables() {
        Credentials c = resolver.resolve(CredentialRef.parse("env:U:P"));
        assertEquals("admin", c.username());
        assertEquals("s3cret pass ", c.password().reveal());
    }

    @Test
    void resolvesAFileKeepingTrailingSpacesOfThePassword(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("node.cred");
        Files.writeString(f, "# BMC of node 7\nusername=root\npassword=calvin \n");
        Credentials c = resolver.resolve(CredentialRef.parse("file:" + f));
        assertEquals("root", c.username());
        assertEquals("calvin ", c.password().reveal());
    }

    @Test
    void resolvesExternalSchemesThroughRegisteredResolvers() {
        assertEquals("from-vault", resolver.resolve(CredentialRef.parse("vault:secret/bmc/7")).username());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolver.resolve(CredentialRef.parse("aws-sm:x")));
        assertTrue(e.getMessage().contains("no resolver for scheme 'aws-sm'"), e.getMessage());
        assertTrue(e.getMessage().contains("vault"), e.getMessage());
    }

    @Test
    void textFormRoundTripsForPersistableReferencesOnly() {
        for (String uri : new String[] {"env:BMC_USER:BMC_PASS", "file:/etc/bm/node.cred", "vault:secret/bmc/7"}) {
            CredentialRef ref = CredentialRef.parse(uri);
            assertTrue(ref.isPersistable());
            assertEquals(uri, ref.toUri());
            assertEquals(ref, CredentialRef.parse(ref.toUri()));
        }
        CredentialRef inline = CredentialRef.inline(Credentials.of("a", "b"));
        assertFalse(inline.isPersistable());
        assertThrows(IllegalStateException.class, inline::toUri);
        assertThrows(IllegalArgumentException.class, () -> CredentialRef.parse("inline:a:b"));
        assertThrows(IllegalArgumentException.class, () -> CredentialRef.parse("env:ONLY_ONE"));
        assertThrows(IllegalArgumentException.class, () -> CredentialRef.parse("no-scheme"));
    }

    @Test
    void secretsCompareByValue() {
        assertEquals(Secret.of("x1"), Secret.of("x1".toCharArray()));
        assertFalse(Secret.of("x1").equals(Secret.of("x2")));
        assertEquals("****", Secret.of("x1").toString());
    }
}
