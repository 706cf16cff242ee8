package org.bmsdk.hardware.redfish.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.bmc.BiosSettings;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.FirmwareInventory;
import org.bmsdk.api.bmc.Health;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.SystemEventLog;
import org.bmsdk.api.bmc.VirtualMedia;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.hardware.redfish.RedfishOptions;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.Mockups;

/**
 * Whatever a BMC answers, the driver gives back a result or a bm-api exception, never anything
 * else. Garbled bytes go to the JSON reader; mutated Redfish trees (a DMTF mockup when it is there,
 * else the test fake) go through the whole driver over an in-memory transport: properties dropped,
 * retyped or replaced by hostile values, links bent out of shape, bodies truncated or replaced.
 */
class ResponseFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> TEMPLATES = templates();
    private static final ErrorContext CTX = ErrorContext.of("redfish://fuzz:443", "redfish", "fuzz");

    @Property
    void garbledBytesParseOrFailAsDeviceErrors(@ForAll("garbled") byte[] body) {
        HttpResult r = new HttpResult("GET", "/redfish/v1/x", 200, Map.of("content-type", "application/json"), body);
        try {
            JsonNode n = Json.parseObject(r, CTX);
            assertTrue(n.isObject());
        } catch (DeviceException expected) {
            assertTrue(expected.getMessage().contains("redfish://fuzz:443"));
        }
        RedfishErrors.detail(r);
    }

    @Property(tries = 300)
    void mutatedTreesGiveResultsOrTypedErrors(@ForAll("trees") Map<String, byte[]> tree) {
        BmcEndpoint endpoint = BmcEndpoint.builder("redfish://fuzz.example")
                .credentials(CredentialRef.inline(Credentials.of("u", "p"))).build();
        RedfishOptions options = RedfishOptions.builder().sessions(false).maxAttempts(1).build();
        RedfishConnection c;
        try {
            c = RedfishConnection.open(endpoint, DriverContext.defaults(), options, ctx -> new MapTransport(tree));
        } catch (BareMetalException e) {
            Statistics.collect("refused at connect");
            return;
        }
        Statistics.collect("connected");
        try (BmcClient client = new RedfishBmcClient(c, DriverContext.defaults())) {
            attempt(() -> client.capability(Inventory.class).map(Inventory::inventory));
            attempt(() -> client.capability(Health.class).map(Health::health));
            attempt(() -> client.capability(PowerControl.class).map(PowerControl::powerState));
            attempt(() -> client.capability(BootControl.class).map(BootControl::bootOverride));
            attempt(() -> client.capability(SystemEventLog.class).map(SystemEventLog::entries));
            attempt(() -> client.capability(BiosSettings.class).map(BiosSettings::attributes));
            attempt(() -> client.capability(FirmwareInventory.class).map(FirmwareInventory::firmware));
            attempt(() -> client.capability(VirtualMedia.class).map(VirtualMedia::inserted));
        }
        Statistics.coverage(check -> check.check("connected").percentage(p -> p > 40));
    }

    private static void attempt(Supplier<?> call) {
        try {
            call.get();
            Statistics.label("outcome").collect("result");
        } catch (BareMetalException expected) {
            Statistics.label("outcome").collect(expected.getClass().getSimpleName());
            // a typed error is a fine answer to garbage
        } catch (RuntimeException | StackOverflowError e) {
            fail("untyped " + e, e);
        }
    }

    @Provide
    Arbitrary<byte[]> garbled() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> mutated = Arbitraries.randomValue(r -> {
            List<String> docs = new ArrayList<>(TEMPLATES.values());
            byte[] b = docs.get(r.nextInt(docs.size())).getBytes(StandardCharsets.UTF_8);
            for (int i = 0, n = 1 + r.nextInt(4); i < n && b.length > 0; i++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            return r.nextInt(4) == 0 ? java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)) : b;
        });
        Arbitrary<byte[]> deep = Arbitraries.integers().between(1, 5000).map(n -> ("[".repeat(n) + "]".repeat(n)).getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> numbers = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(2000)
                .map(s -> ("{\"TotalCores\": " + s + "}").getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(random, mutated, deep, numbers);
    }

    @Provide
    Arbitrary<Map<String, byte[]>> trees() {
        return Arbitraries.randomValue(ResponseFuzzTest::mutate);
    }

    private static Map<String, byte[]> mutate(Random r) {
        Map<String, byte[]> out = new HashMap<>();
        for (Map.Entry<String, String> e : TEMPLATES.entrySet()) {
            String text = e.getValue();
            int roll = r.nextInt(100);
            byte[] body;
            if (roll < 3) {
                body = text.substring(0, r.nextInt(text.length() + 1)).getBytes(StandardCharsets.UTF_8);
            } else if (roll < 5) {
                body = new byte[] {'[', '1', ']'};
            } else if (roll < 35) {
                JsonNode tree = read(text);
                mutateNode(tree, r, 0);
                body = tree.toString().getBytes(StandardCharsets.UTF_8);
            } else {
                body = text.getBytes(StandardCharsets.UTF_8);
            }
            out.put(e.getKey(), body);
        }
        return out;
    }

    private static void mutateNode(JsonNode node, Random r, int depth) {
        if (depth > 12) {
            return;
        }
        if (node instanceof ObjectNode o) {
            for (String field : iterable(o.fieldNames())) {
                int roll = r.nextInt(100);
                if (roll < 8) {
                    o.remove(field);
                } else if (roll < 20) {
                    o.set(field, hostile(r));
                } else {
                    mutateNode(o.get(field), r, depth + 1);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (r.nextInt(10) == 0) {
                    a.set(i, hostile(r));
                } else {
                    mutateNode(a.get(i), r, depth + 1);
                }
            }
        }
    }

    private static JsonNode hostile(Random r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (r.nextInt(14)) {
            case 0: return f.nullNode();
            case 1: return f.numberNode(-1L);
            case 2: return f.numberNode(Long.MAX_VALUE);
            case 3: return f.numberNode(1e308);
            case 4: return f.numberNode(-0.5);
            case 5: return f.booleanNode(r.nextBoolean());
            case 6: return f.textNode("");
            case 7: return f.textNode("http://evil.example/steal");
            case 8: return f.textNode("../../../../etc/passwd");
            case 9: return f.objectNode().put("@odata.id", r.nextBoolean() ? "/redfish/v1/Systems" : "not a path");
            case 10: return f.arrayNode().add(f.objectNode().put("@odata.id", "/redfish/v1/"));
            case 11: return f.textNode("Z".repeat(r.nextInt(5000)));
            case 12: return f.objectNode();
            default: return f.textNode("zz:zz:zz:zz:zz:zz");
        }
    }

    private static Iterable<String> iterable(java.util.Iterator<String> it) {
        List<String> l = new ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The tree of public-tower when the mockups are there, else the fake's; path to JSON text. */
    private static Map<String, String> templates() {
        Map<String, String> out = new HashMap<>();
        Path dir = Path.of("").toAbsolutePath().getParent().getParent().resolve("shared/data/redfish-mockups/public-tower");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.filter(f -> f.getFileName().toString().equals("index.json")).toList()) {
                    String rel = dir.relativize(p.getParent()).toString().replace('\\', '/');
                    out.put(rel.isEmpty() ? "/redfish/v1/" : "/redfish/v1/" + rel, Files.readString(p));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            FakeRedfish.of("Contoso").all().forEach((k, v) -> out.put(k, v.toString()));
        }
        return out;
    }

    /** Serves a map of path to body; everything else is 404. */
    private record MapTransport(Map<String, byte[]> tree) implements Transport {
        @Override
        public HttpResult send(String method, java.net.URI uri, Map<String, String> headers, byte[] body, ErrorContext ctx) {
            String path = uri.getRawPath().replaceAll("(?<=.)/+$", "");
            byte[] b = tree.get(path.equals("/redfish/v1") ? "/redfish/v1/" : path);
            if (b == null) {
                b = tree.get(path + "/");
            }
            if (b == null) {
                return new HttpResult(method, path, 404, Map.of(), new byte[0]);
            }
            return new HttpResult(method, path, 200, Map.of("content-type", "application/json"), b);
        }

        @Override
        public void close() {
        }
    }

    static {
        // Mockups.folder() decides skip or fail for the mockup tests; here a missing folder only narrows the templates.
        Mockups.class.getName();
    }
}
