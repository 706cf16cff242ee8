package org.bmsdk.testkit.storage.internal.iscsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.testkit.storage.internal.TgtState.Lun;
import org.bmsdk.testkit.storage.internal.TgtState.TargetView;

/**
 * The login state machine: an initiator that follows RFC 7143 with the right secret always reaches
 * full feature phase, whatever operational keys it offers and whether it passes through the
 * operational stage; a wrong secret, or any sequence of requests without the right CHAP response,
 * never does; nothing it is sent makes it throw.
 */
class LoginNegotiationPropertiesTest {

    private static final String TARGET = "iqn.2024-01.x:t";
    private static final String INITIATOR = "iqn.2024-01.x:node";
    private static final String SECRET = "the-secret-12345";

    private static LoginNegotiation.Targets targets(boolean chap) {
        TargetView view = new TargetView(1, TARGET, List.of(new Lun(1, "/v", 1 << 20)), List.of(INITIATOR),
                chap ? Map.of("user", SECRET) : Map.of());
        return new LoginNegotiation.Targets() {
            @Override
            public Optional<TargetView> find(String name) {
                return name.equals(TARGET) ? Optional.of(view) : Optional.empty();
            }

            @Override
            public boolean refuseAll() {
                return false;
            }
        };
    }

    private static LoginNegotiation.Request req(boolean t, int csg, int nsg, Map<String, String> keys) {
        return new LoginNegotiation.Request(t, false, csg, nsg, keys);
    }

    /** An RFC-following initiator; returns the last reply. */
    private static LoginNegotiation.Reply loginAs(LoginNegotiation n, boolean chap, String secret, Map<String, String> opKeys,
            boolean throughOperational) throws Exception {
        Map<String, String> first = new LinkedHashMap<>(Map.of("InitiatorName", INITIATOR, "TargetName", TARGET,
                "SessionType", "Normal", "AuthMethod", chap ? "CHAP,None" : "None"));
        int next = throughOperational ? 1 : 3;
        LoginNegotiation.Reply r = n.step(req(true, 0, next, first));
        if (chap) {
            assertEquals("CHAP", r.keys().get("AuthMethod"));
            assertFalse(r.transit(), "no transit before CHAP is done");
            r = n.step(req(false, 0, 0, Map.of("CHAP_A", "7,5")));
            int id = Integer.parseInt(r.keys().get("CHAP_I"));
            byte[] challenge = HexFormat.of().parseHex(r.keys().get("CHAP_C").substring(2));
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) id);
            md5.update(secret.getBytes(StandardCharsets.UTF_8));
            md5.update(challenge);
            r = n.step(req(true, 0, next, Map.of("CHAP_N", "user", "CHAP_R", "0x" + HexFormat.of().formatHex(md5.digest()))));
            if (r.failed()) {
                return r;
            }
        }
        assertTrue(r.transit(), r.toString());
        if (throughOperational) {
            r = n.step(req(true, 1, 3, opKeys));
        }
        return r;
    }

    @Property(tries = 500)
    void theRightSecretAlwaysLogsIn(@ForAll boolean chap, @ForAll("opKeys") Map<String, String> opKeys,
            @ForAll boolean throughOperational) throws Exception {
        LoginNegotiation n = new LoginNegotiation(targets(chap), new Random(3));
        LoginNegotiation.Reply r = loginAs(n, chap, SECRET, opKeys, throughOperational);
        assertFalse(r.failed(), r.toString());
        assertTrue(r.transit() && r.nsg() == 3 && n.fullFeature());
        assertEquals(chap, n.authenticated());
        if (throughOperational) {
            assertEquals("No", r.keys().getOrDefault("ImmediateData", "No"));
            assertTrue(opKeys.keySet().stream().allMatch(k -> k.equals("MaxRecvDataSegmentLength") || r.keys().containsKey(k)),
                    "every negotiated key is answered: " + r.keys());
        }
    }

    @Property(tries = 300)
    void aWrongSecretNeverLogsIn(@ForAll("secrets") String wrong, @ForAll boolean throughOperational) throws Exception {
        LoginNegotiation n = new LoginNegotiation(targets(true), new Random(4));
        LoginNegotiation.Reply r = loginAs(n, true, wrong, Map.of(), throughOperational);
        assertEquals(LoginNegotiation.AUTH_FAILURE, r.status());
        assertFalse(n.fullFeature());
    }

    @Property(tries = 2000)
    void anySequenceWithoutTheChapResponseNeverReachesFullFeature(@ForAll("requests") List<LoginNegotiation.Request> requests) {
        LoginNegotiation n = new LoginNegotiation(targets(true), new Random(5));
        for (LoginNegotiation.Request r : requests) {
            LoginNegotiation.Reply reply = n.step(r);
            // a discovery session needs no CHAP (tgt has no discovery authentication here); a normal one always does
            assertFalse(n.fullFeature() && !n.discovery(), "full feature phase without CHAP after " + requests);
            assertFalse(n.fullFeature() && n.target().isPresent(), "a target session without CHAP after " + requests);
            if (reply.failed() || n.fullFeature()) {
                // the login is over: a connection sends no more login requests
                return;
            }
        }
    }

    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(20).filter(s -> !s.equals(SECRET));
    }

    @Provide
    Arbitrary<Map<String, String>> opKeys() {
        Map<String, List<String>> values = Map.ofEntries(Map.entry("HeaderDigest", List.of("None", "CRC32C,None")),
                Map.entry("DataDigest", List.of("None", "CRC32C,None")), Map.entry("MaxConnections", List.of("1", "8")),
                Map.entry("InitialR2T", List.of("Yes", "No")), Map.entry("ImmediateData", List.of("Yes", "No")),
                Map.entry("MaxRecvDataSegmentLength", List.of("8192", "262144")),
                Map.entry("MaxBurstLength", List.of("262144", "16776192")), Map.entry("FirstBurstLength", List.of("65536", "262144")),
                Map.entry("DefaultTime2Wait", List.of("2", "0")), Map.entry("DefaultTime2Retain", List.of("0", "20")),
                Map.entry("MaxOutstandingR2T", List.of("1", "16")), Map.entry("DataPDUInOrder", List.of("Yes", "No")),
                Map.entry("DataSequenceInOrder", List.of("Yes")), Map.entry("ErrorRecoveryLevel", List.of("0", "2")),
                Map.entry("X-com.example.Vendor", List.of("1")));
        return Arbitraries.subsetOf(values.keySet()).flatMap(keys -> {
            List<String> list = keys.stream().sorted().toList();
            List<Arbitrary<String>> vals = list.stream().map(k -> Arbitraries.of(values.get(k))).toList();
            return Combinators.combine(vals).as(vs -> {
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    m.put(list.get(i), vs.get(i));
                }
                return m;
            });
        });
    }

    @Provide
    Arbitrary<List<LoginNegotiation.Request>> requests() {
        Arbitrary<Map<String, String>> keys = Arbitraries.maps(
                Arbitraries.of("InitiatorName", "TargetName", "SessionType", "AuthMethod", "CHAP_A", "CHAP_N", "CHAP_R", "CHAP_I",
                        "CHAP_C", "HeaderDigest", "MaxBurstLength", "Foo"),
                Arbitraries.of(INITIATOR, TARGET, "Normal", "Discovery", "CHAP", "None", "CHAP,None", "5", "user", "0x00ff", "0b",
                        "", "Yes", "512")).ofMaxSize(6);
        Arbitrary<LoginNegotiation.Request> one = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3), keys)
                .as(LoginNegotiation.Request::new);
        return one.list().ofMinSize(1).ofMaxSize(6);
    }
}
