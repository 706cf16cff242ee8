package org.bmsdk.hardware.redfish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.junit.jupiter.api.Test;

/** The streaming read of one property ({@link Json#topLevelText}) answers exactly as the tree does, errors included. */
class JsonTopLevelTextTest {

    private static final ErrorContext CTX = ErrorContext.of("redfish://json:443", "redfish", "json");
    private static final String SYSTEM = "{\"@odata.id\":\"/redfish/v1/Systems/1\",\"Id\":\"1\",\"Name\":\"S\",\"Status\":{\"State\":\"Enabled\","
            + "\"Health\":\"OK\"},\"Boot\":{\"BootSourceOverrideTarget@Redfish.AllowableValues\":[\"Pxe\",\"Hdd\",null,1.5e3,true]},"
            + "\"PowerState\":\"On\",\"Actions\":{\"#ComputerSystem.Reset\":{\"target\":\"/x\",\"PowerState\":\"Off\"}},\"N\":-12}";

    @Test
    void agreesWithTheTreeOnChosenBodies() {
        List<String> bodies = new ArrayList<>(List.of(SYSTEM, "{}", "{\"PowerState\":\"Off\"}", "{\"PowerState\":7}",
                "{\"PowerState\":null}", "{\"PowerState\":{\"a\":\"On\"}}", "{\"PowerState\":\"On\",\"PowerState\":\"Off\"}",
                "{\"PowerState\":\"On\",\"PowerState\":3}", "{\"PowerState\":\"On\"} trailing", "{\"PowerState\":\"On\",",
                "{\"PowerState\":\"On\",\"x\":[1,2", "{\"PowerState\":\"On\",\"x\":tru}", "[1,2]", "\"On\"", "42", "null", "",
                "   ", "{\"PowerState\":\"On\",\"x\":1" + "2".repeat(100) + "}", "{\"PowerState\":\"On\",\"x\":\"" + "a".repeat(1_000_001) + "\"}",
                "{\"PowerState\":\"On\",\"x\":" + "[".repeat(100) + "]".repeat(100) + "}", "{\"PowerState\":\"On\",\"x\":" + "[".repeat(60)
                        + "]".repeat(60) + "}", "{\"PowerState\":\"\\u004fn\"}", "{\"Power\\u0053tate\":\"On\"}", "\uFEFF{\"PowerState\":\"On\"}"));
        for (String b : bodies) {
            check(b, "application/json");
        }
        // Strings the streaming pass skips without decoding must still be refused as the tree refuses them.
        for (String bad : List.of("a\u0001b", "\\q", "\\u12", "\\uZZZZ", "tab\there")) {
            check("{\"x\":\"" + bad + "\",\"PowerState\":\"On\"}", "application/json");
            check("{\"x\":{\"y\":[\"" + bad + "\"]},\"PowerState\":\"On\"}", "application/json");
        }
        for (byte[] utf8 : List.of(new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0xFF},
                new byte[] {(byte) 0xC3, (byte) 0x28}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})) {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            b.writeBytes("{\"x\":[\"".getBytes(StandardCharsets.UTF_8));
            b.writeBytes(utf8);
            b.writeBytes("\"],\"PowerState\":\"On\"}".getBytes(StandardCharsets.UTF_8));
            check(b.toByteArray(), "application/json");
        }
        check(SYSTEM, "text/html");
        check(SYSTEM, "application/json; charset=utf-8");
        check(SYSTEM, "");
    }

    @Test
    void agreesWithTheTreeOnGarbledBodies() {
        Random random = new Random(42);
        byte[] base = SYSTEM.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 5000; i++) {
            byte[] b = base.clone();
            int cut = random.nextInt(b.length + 1);
            byte[] t = java.util.Arrays.copyOf(b, i % 2 == 0 ? cut : b.length);
            for (int k = random.nextInt(3); k > 0 && t.length > 0; k--) {
                t[random.nextInt(t.length)] = (byte) random.nextInt(256);
            }
            check(t, "application/json");
        }
    }

    @Test
    void agreesWithTheTreeOnBodiesGarbledWithJsonCharacters() {
        // Plain ASCII garbage made of JSON's own characters: what PlainJsonScan decides alone, most often.
        Random random = new Random(7);
        String alphabet = "{}[]:,\"\\ \t\n0123456789-+.eEtrufalsn/bPowerStateOnOff\u0001";
        byte[] base = SYSTEM.getBytes(StandardCharsets.UTF_8);
        int decided = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] t = base.clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                t[random.nextInt(t.length)] = (byte) alphabet.charAt(random.nextInt(alphabet.length()));
            }
            if (i % 3 == 0) {
                t = java.util.Arrays.copyOf(t, random.nextInt(t.length + 1));
            }
            check(t, "application/json");
            if (PlainJsonScan.topLevelText(t, "PowerState") != PlainJsonScan.UNSURE) {
                decided++;
            }
        }
        assertTrue(decided > 5_000, "the plain scan decided only " + decided + " of 20,000");
    }

    @Test
    void thePlainScanDecidesPlainSystemsAlone() {
        assertEquals("On", PlainJsonScan.topLevelText(SYSTEM.getBytes(StandardCharsets.UTF_8), "PowerState"));
        assertSame(PlainJsonScan.ABSENT, PlainJsonScan.topLevelText("{\"a\":[1,-2.5e-3,{\"b\":null}],\"PowerState\":true}"
                .getBytes(StandardCharsets.UTF_8), "PowerState"));
        assertSame(PlainJsonScan.UNSURE, PlainJsonScan.topLevelText("{\"PowerState\":\"\\u004fn\"}".getBytes(StandardCharsets.UTF_8),
                "PowerState"));
        assertSame(PlainJsonScan.UNSURE, PlainJsonScan.topLevelText("{\"x\":\"caf\u00e9\",\"PowerState\":\"On\"}"
                .getBytes(StandardCharsets.UTF_8), "PowerState"));
    }

    private static void check(String body, String type) {
        check(body.getBytes(StandardCharsets.UTF_8), type);
    }

    private static void check(byte[] body, String type) {
        HttpResult r = new HttpResult("GET", "/redfish/v1/Systems/1", 200, type.isEmpty() ? Map.of() : Map.of("content-type", type), body);
        assertEquals(outcome(() -> {
            JsonNode n = Json.parseObject(r, CTX).get("PowerState");
            return n != null && n.isTextual() ? Optional.of(n.textValue()) : Optional.<String>empty();
        }), outcome(() -> Json.topLevelText(r, CTX, "PowerState")), () -> Text.clip(new String(body, StandardCharsets.UTF_8), 300));
    }

    private static String outcome(java.util.function.Supplier<Optional<String>> s) {
        try {
            return "value " + s.get();
        } catch (DeviceException e) {
            return "error " + e.deviceCode() + ": " + e.getMessage();
        }
    }
}
