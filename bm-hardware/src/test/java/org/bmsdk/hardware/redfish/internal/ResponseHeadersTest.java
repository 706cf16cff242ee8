package org.bmsdk.hardware.redfish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.junit.jupiter.api.Test;

/** The lazily read headers behave as the immutable lower-case map they stand for. */
class ResponseHeadersTest {

    @Test
    void lookUpLikeALowerCaseMapWithTheFirstValueOfEachName() {
        Header[] raw = {new BasicHeader("ETag", "W/\"1\""), new BasicHeader("Content-Type", "application/json"),
                new BasicHeader("etag", "W/\"2\""), new BasicHeader("X-Auth-Token", "s3cr3t-token")};
        ResponseHeaders h = new ResponseHeaders(raw);
        assertEquals("W/\"1\"", h.get("etag"));
        assertEquals("application/json", h.get("content-type"));
        assertNull(h.get("Content-Type"), "keys are lower case");
        assertNull(h.get("location"));
        assertEquals(Map.of("etag", "W/\"1\"", "content-type", "application/json", "x-auth-token", "s3cr3t-token"), h);
        assertEquals(3, h.size());
        assertFalse(h.toString().contains("s3cr3t"), h.toString());
        HttpResult r = new HttpResult("GET", "/", 200, h, new byte[0]);
        assertEquals("application/json", r.header("Content-Type").orElseThrow());
    }

    @Property
    void agreesWithTheEagerMap(@ForAll @Size(max = 8) java.util.List<@AlphaChars @StringLength(min = 1, max = 4) String> names,
            @ForAll @AlphaChars @StringLength(min = 1, max = 4) String asked) {
        Header[] raw = new Header[names.size()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = new BasicHeader(names.get(i), "v" + i);
        }
        Map<String, String> eager = ResponseHeaders.build(raw);
        ResponseHeaders lazy = new ResponseHeaders(raw);
        assertEquals(eager.get(asked), lazy.get(asked));
        assertEquals(eager.get(asked.toLowerCase(java.util.Locale.ROOT)), lazy.get(asked.toLowerCase(java.util.Locale.ROOT)));
        assertEquals(eager, lazy);
    }
}
