package org.bmsdk.testkit.redfish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.testkit.redfish.IfMatchPolicy;

/** Properties of ETags and the If-Match check, the part of PATCH that drivers' fallbacks depend on. */
class ETagsPropertiesTest {

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    }

    @Provide
    Arbitrary<String> opaque() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(16)
                .filter(s -> !s.contains("\"") && !s.contains(",") && !s.equals("*"));
    }

    @Property
    void anEtagIsWeakAndMatchesItselfWeakOrStrong(@ForAll("bodies") byte[] body) {
        String etag = ETags.of(body);
        assertTrue(etag.matches("W/\"[0-9a-f]{16}\""), etag);
        assertTrue(ETags.matches(etag, etag));
        assertTrue(ETags.matches(etag.substring(2), etag));
        assertTrue(ETags.matches("*", etag));
    }

    @Property
    void differentOpaqueValuesNeverMatch(@ForAll("opaque") String a, @ForAll("opaque") String b) {
        Assume.that(!a.equals(b));
        assertFalse(ETags.matches("W/\"" + a + "\"", "W/\"" + b + "\""));
        assertTrue(ETags.matches("W/\"" + b + "\", \"" + a + "\"", "\"" + a + "\""), "any of a list matches");
    }

    @Property
    void policiesDecideWhatAPatchNeeds(@ForAll("opaque") String current, @ForAll boolean sendIt) {
        String etag = "W/\"" + current + "\"";
        Optional<String> header = sendIt ? Optional.of(etag) : Optional.empty();
        ETags.check(IfMatchPolicy.HONOURED, header, etag);
        if (sendIt) {
            ETags.check(IfMatchPolicy.REQUIRED, header, etag);
            assertEquals(412, assertThrows(RedfishException.class,
                    () -> ETags.check(IfMatchPolicy.REJECTED, header, etag)).status());
            assertEquals(412, assertThrows(RedfishException.class,
                    () -> ETags.check(IfMatchPolicy.HONOURED, Optional.of("W/\"" + current + "x\""), etag)).status());
        } else {
            assertEquals(428, assertThrows(RedfishException.class,
                    () -> ETags.check(IfMatchPolicy.REQUIRED, header, etag)).status());
            ETags.check(IfMatchPolicy.REJECTED, header, etag);
        }
    }
}
