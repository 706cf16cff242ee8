package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.store.jdbc.JdbcStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bmctl node enroll}: what the store keeps (a credential reference, never a password), which
 * endpoints it takes, and the TLS options.
 */
class NodeEnrollTest {

    @TempDir
    Path dir;

    private Path store() {
        return dir.resolve("store");
    }

    private Run bmctl(String... args) {
        return bmctlWith(Map.of(), args);
    }

    private Run bmctlWith(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--store");
        all.add(store().toString());
        return Run.of(env, all.toArray(String[]::new));
    }

    private JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        Run r = bmctl(all.toArray(String[]::new));
        assertEquals(0, r.status(), r::toString);
        return JsonDocs.one(r.out());
    }

    @Test
    void enrollKeepsTheCredentialReferenceNeverThePassword() throws IOException {
        String password = "Tr0ub4dor-" + Long.toHexString(System.nanoTime());
        Map<String, String> env = Map.of("BMCTL_USERNAME", "admin", "BMCTL_PASSWORD", password);
        Run enrolled = bmctlWith(env, "node", "enroll", "rack1-u7", "--endpoint", "redfish://10.0.0.7:8443", "--json");
        assertEquals(0, enrolled.status(), enrolled::toString);
        JsonNode doc = JsonDocs.one(enrolled.out());
        assertEquals(NodeCommandTest.NODE_KEYS, JsonDocs.keys(doc));
        assertEquals(List.of("redfish://10.0.0.7:8443"), JsonDocs.texts(doc.get("bmc")));
        assertEquals("ENROLL", doc.get("provisionState").asText());
        Run shown = bmctlWith(env, "node", "show", "rack1-u7", "--json");
        Run listed = bmctlWith(env, "node", "list");

        try (JdbcStore s = JdbcStore.h2(store())) {
            Node node = s.nodes().get(NodeId.of("rack1-u7")).orElseThrow().value();
            BmcEndpoint bmc = node.bmcEndpoints().get(0);
            assertEquals("env:BMCTL_USERNAME:BMCTL_PASSWORD", bmc.credentials().toUri());
            assertEquals("redfish", bmc.scheme());
            assertFalse(bmc.insecure());
        }
        byte[] bytes = storeBytes();
        assertTrue(contains(bytes, "env:BMCTL_USERNAME:BMCTL_PASSWORD"), "the reference is readable in the file, so the next check means something");
        assertFalse(contains(bytes, password), "the password is nowhere in the store file");
        for (Run r : List.of(enrolled, shown, listed)) {
            assertFalse(r.out().contains(password) || r.err().contains(password), r::toString);
        }
    }

    @Test
    void enrollTakesEveryEndpointSchemeOfTheConventions() {
        int i = 0;
        for (String endpoint : new String[] {"redfish://bmc-1:443", "redfish+http://127.0.0.1:8000", "ipmi://10.0.0.8:623",
            "ssh://10.0.0.9:22"}) {
            Run r = bmctl("node", "enroll", "n" + (++i), "--endpoint", endpoint);
            assertEquals(0, r.status(), r::toString);
            assertTrue(r.out().startsWith("enrolled n" + i + " "), r::toString);
            assertEquals(List.of(endpoint), JsonDocs.texts(json("node", "show", "n" + i).get("bmc")));
        }
    }

    @Test
    void enrollRefusesAnUnknownSchemeAndAnAddressWithCredentials() {
        Run ftp = bmctl("node", "enroll", "x", "--endpoint", "ftp://10.0.0.5");
        assertEquals(2, ftp.status(), ftp::toString);
        assertTrue(ftp.err().contains("'ftp'") && ftp.err().contains("redfish"), ftp::toString);
        Run inline = bmctl("node", "enroll", "x", "--endpoint", "redfish://root:hunter2x@10.0.0.5");
        assertEquals(2, inline.status(), inline::toString);
        assertFalse(inline.err().contains("hunter2x"), inline::toString);
        Run none = bmctl("node", "enroll", "x");
        assertEquals(2, none.status(), none::toString);
        assertTrue(none.err().contains("--endpoint"), none::toString);
        assertEquals(0, json("node", "list").get("nodes").size());
    }

    @Test
    void enrollStoresTheCredentialsFileOrAnExplicitReference() throws IOException {
        Path creds = dir.resolve("bmc.cred");
        Files.writeString(creds, "username=admin\npassword=not-stored-" + System.nanoTime() + "\n");
        assertEquals(0, bmctl("node", "enroll", "a", "--endpoint", "ipmi://10.0.0.10", "--credentials-file", creds.toString()).status());
        assertEquals(2, bmctl("--credentials-ref", "vault:secret/bmc/b", "node", "enroll", "b", "--endpoint", "ipmi://10.0.0.11").status(),
                "--credentials-ref is enroll's own option, not a global one");
        assertEquals(0, bmctl("node", "enroll", "b", "--endpoint", "ipmi://10.0.0.11", "--credentials-ref", "vault:secret/bmc/b").status());
        try (JdbcStore s = JdbcStore.h2(store())) {
            assertEquals("file:" + creds.toAbsolutePath(), s.nodes().get(NodeId.of("a")).orElseThrow().value().bmcEndpoints().get(0)
                    .credentials().toUri());
            assertEquals("vault:secret/bmc/b", s.nodes().get(NodeId.of("b")).orElseThrow().value().bmcEndpoints().get(0)
                    .credentials().toUri());
        }
        assertFalse(contains(storeBytes(), Files.readString(creds).lines().toList().get(1).substring("password=".length())));
        Run bad = bmctl("node", "enroll", "c", "--endpoint", "ipmi://10.0.0.12", "--credentials-ref", "env:ONLY_ONE");
        assertEquals(2, bad.status(), bad::toString);
    }

    @Test
    void enrollWithInsecureWarnsAndKeepsTheOptIn() {
        Run r = bmctl("node", "enroll", "lab-1", "--endpoint", "redfish://10.0.0.13", "--insecure");
        assertEquals(0, r.status(), r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err().startsWith("bmctl: warning: --insecure"), r::toString);
        try (JdbcStore s = JdbcStore.h2(store())) {
            assertTrue(s.nodes().get(NodeId.of("lab-1")).orElseThrow().value().bmcEndpoints().get(0).insecure());
        }
        Run secure = bmctl("node", "enroll", "lab-2", "--endpoint", "redfish://10.0.0.14");
        assertEquals("", secure.err());
    }

    @Test
    void enrollKeepsAReadableCaAndRefusesAMissingOne() throws IOException {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        assertEquals(0, bmctl("node", "enroll", "tls-1", "--endpoint", "redfish://10.0.0.18", "--ca", ca.toString()).status());
        try (JdbcStore s = JdbcStore.h2(store())) {
            assertEquals(ca, s.nodes().get(NodeId.of("tls-1")).orElseThrow().value().bmcEndpoints().get(0).caCertificate().orElseThrow());
        }
        Run missing = bmctl("node", "enroll", "tls-2", "--endpoint", "redfish://10.0.0.19", "--ca", dir.resolve("none.pem").toString());
        assertEquals(2, missing.status(), missing::toString);
        assertTrue(missing.err().contains("none.pem"), missing::toString);
    }

    @Test
    void enrollingTwiceIsAnOperationError() {
        assertEquals(0, bmctl("node", "enroll", "dup", "--endpoint", "ipmi://10.0.0.15").status());
        Run again = bmctl("node", "enroll", "dup", "--endpoint", "ipmi://10.0.0.16");
        assertEquals(1, again.status(), again::toString);
        assertEquals(1, again.errLines().size(), again::toString);
        assertTrue(again.err().contains("already exists"), again::toString);
        assertEquals(List.of("ipmi://10.0.0.15"), JsonDocs.texts(json("node", "show", "dup").get("bmc")));
    }

    /** Every byte H2 wrote for this test's store. */
    private byte[] storeBytes() throws IOException {
        List<byte[]> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            // H2's files only: store.mv.db, and store.trace.db or temporary files if there are any
            for (Path f : files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().startsWith("store")).toList()) {
                all.add(Files.readAllBytes(f));
            }
        }
        int size = all.stream().mapToInt(b -> b.length + 1).sum();
        byte[] joined = new byte[size];
        int at = 0;
        for (byte[] b : all) {
            System.arraycopy(b, 0, joined, at, b.length);
            at += b.length + 1;
        }
        return joined;
    }

    private static boolean contains(byte[] haystack, String needle) {
        byte[] n = needle.getBytes(StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length <= haystack.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (haystack[i + j] != n[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
