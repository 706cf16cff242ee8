package org.bmsdk.hardware.redfish.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The fleet poller's answer decoder, on byte streams cut into random pieces (as a socket delivers
 * them): a well-formed answer, framed by Content-Length or by chunks of random sizes, always
 * decodes to its status, body and keep-alive whatever the cuts; a truncated one never completes;
 * garbage and oversized answers end in {@code Malformed} or an unfinished answer, never in another
 * exception or a body over the cap.
 */
class ResponseDecoderPropertiesTest {

    private static final int MAX_HEAD = 2048;

    /** Feeds the stream in pieces cut at the given lengths (the last piece takes the rest). */
    private static boolean feedCut(ResponseDecoder d, byte[] stream, List<Integer> cuts) throws ResponseDecoder.Malformed {
        int at = 0;
        boolean done = false;
        for (int cut : cuts) {
            if (at >= stream.length) {
                break;
            }
            int n = Math.min(cut, stream.length - at);
            done = d.feed(ByteBuffer.wrap(stream, at, n));
            at += n;
        }
        if (at < stream.length) {
            done = d.feed(ByteBuffer.wrap(stream, at, stream.length - at));
        }
        return done;
    }

    private static byte[] encode(int status, byte[] body, boolean chunked, List<Integer> chunkSizes, boolean close, List<String> extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Whatever\r\n");
        for (int i = 0; i < extra.size(); i++) {
            head.append("X-Extra-").append(i).append(": ").append(extra.get(i)).append("\r\n");
        }
        head.append("Content-Type: application/json\r\n");
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n").append("\r\n");
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!chunked) {
            out.writeBytes(body);
            return out.toByteArray();
        }
        int at = 0;
        int k = 0;
        while (at < body.length) {
            int n = Math.min(body.length - at, chunkSizes.isEmpty() ? body.length : Math.max(1, chunkSizes.get(k++ % chunkSizes.size())));
            out.writeBytes((Integer.toHexString(n) + (k % 3 == 0 ? ";name=value" : "") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            at += n;
        }
        out.writeBytes((k % 2 == 0 ? "0\r\n\r\n" : "0\r\nX-Trailer: yes\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 300).list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<String>> headerValues() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(60).list().ofMaxSize(5);
    }

    @Property
    void aWellFormedAnswerDecodesWhateverTheCuts(@ForAll @IntRange(min = 200, max = 599) int status,
            @ForAll @Size(max = 3000) byte[] body, @ForAll boolean chunked, @ForAll @Size(max = 6) List<@IntRange(min = 1, max = 700) Integer> chunkSizes,
            @ForAll boolean close, @ForAll("headerValues") List<String> extra, @ForAll("cuts") List<Integer> cuts) throws Exception {
        boolean noBody = status == 204 || status == 304;
        byte[] sent = noBody ? new byte[0] : body;
        byte[] stream = encode(status, sent, chunked && !noBody, chunkSizes, close, extra);
        ResponseDecoder d = new ResponseDecoder(MAX_HEAD, 4000);
        d.reset();
        assertTrue(feedCut(d, stream, cuts));
        assertEquals(status, d.status());
        assertArrayEquals(sent, d.body());
        assertEquals(close, d.close());
        assertEquals("application/json", d.contentType());
    }

    @Property
    void aTruncatedAnswerNeverCompletes(@ForAll @Size(min = 1, max = 2000) byte[] body, @ForAll boolean chunked,
            @ForAll @Size(max = 4) List<@IntRange(min = 1, max = 500) Integer> chunkSizes, @ForAll("cuts") List<Integer> cuts,
            @ForAll @IntRange(min = 1, max = 100_000) int dropped) throws Exception {
        byte[] whole = encode(200, body, chunked, chunkSizes, false, List.of());
        byte[] stream = java.util.Arrays.copyOf(whole, Math.max(0, whole.length - Math.min(dropped, whole.length)));
        ResponseDecoder d = new ResponseDecoder(MAX_HEAD, 4000);
        d.reset();
        assertFalse(feedCut(d, stream, cuts));
        try {
            d.endOfInput();
            throw new AssertionError("a truncated answer was taken as whole at the end of input");
        } catch (ResponseDecoder.Malformed expected) {
            // the connection closed mid-answer
        }
    }

    @Property
    void garbageIsMalformedOrUnfinishedNeverAnythingElse(@ForAll @Size(max = 3000) byte[] junk, @ForAll boolean httpPrefix,
            @ForAll("cuts") List<Integer> cuts, @ForAll boolean endOfInput) {
        byte[] prefix = httpPrefix ? "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1) : new byte[0];
        byte[] stream = new byte[prefix.length + junk.length];
        System.arraycopy(prefix, 0, stream, 0, prefix.length);
        System.arraycopy(junk, 0, stream, prefix.length, junk.length);
        ResponseDecoder d = new ResponseDecoder(MAX_HEAD, 1000);
        d.reset();
        try {
            boolean done = feedCut(d, stream, cuts);
            if (!done && endOfInput) {
                done = d.endOfInput();
            }
            if (done) {
                assertTrue(d.body().length <= 1000, "a body over the cap was accepted");
                assertTrue(d.status() >= 200 && d.status() <= 999);
            }
        } catch (ResponseDecoder.Malformed expected) {
            // refused, as it should be
        }
    }

    @Property
    void anOversizedBodyIsRefusedWhateverTheFraming(@ForAll @IntRange(min = 1001, max = 5000) int size, @ForAll boolean chunked,
            @ForAll @Size(max = 4) List<@IntRange(min = 1, max = 900) Integer> chunkSizes, @ForAll("cuts") List<Integer> cuts) {
        byte[] stream = encode(200, new byte[size], chunked, chunkSizes, false, List.of());
        ResponseDecoder d = new ResponseDecoder(MAX_HEAD, 1000);
        d.reset();
        try {
            feedCut(d, stream, cuts);
            throw new AssertionError("a body of " + size + " bytes passed a cap of 1000");
        } catch (ResponseDecoder.Malformed expected) {
            // refused
        }
    }
}
