package org.bmsdk.hardware.redfish.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fleet poller's answer decoder on answers written by hand: each framing, and each way to get it wrong. */
class ResponseDecoderTest {

    private final ResponseDecoder d = decoder(1000);

    private static ResponseDecoder decoder(long maxBody) {
        ResponseDecoder d = new ResponseDecoder(512, maxBody);
        d.reset();
        return d;
    }

    private static boolean feed(ResponseDecoder d, String s) throws ResponseDecoder.Malformed {
        return d.feed(ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private static String body(ResponseDecoder d) {
        return new String(d.body(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void contentLengthFramesTheBody() throws Exception {
        assertFalse(feed(d, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n\r\n{\"PowerState\":"));
        assertTrue(feed(d, "\"\"}"));
        assertEquals(200, d.status());
        assertEquals("application/json", d.contentType());
        assertEquals("{\"PowerState\":\"\"}", body(d));
        assertFalse(d.close());
    }

    @Test
    void chunksAreJoinedWithExtensionsAndTrailersSkipped() throws Exception {
        assertTrue(feed(d, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 99\r\n\r\n"
                + "3;ext=1\r\nabc\r\n0A\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n"));
        assertEquals("abc0123456789", body(d));
    }

    @Test
    void aDecoderIsReusedForTheNextAnswer() throws Exception {
        assertTrue(feed(d, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"));
        d.reset();
        assertTrue(feed(d, "HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n"));
        assertEquals(401, d.status());
        assertEquals("", body(d));
    }

    @Test
    void noContentAndNotModifiedHaveNoBody() throws Exception {
        assertTrue(feed(d, "HTTP/1.1 204 No Content\r\n\r\n"));
        assertEquals(0, d.body().length);
    }

    @Test
    void aBodyWithoutLengthRunsUntilTheConnectionCloses() throws Exception {
        assertFalse(feed(d, "HTTP/1.0 200 OK\r\n\r\nab"));
        assertFalse(feed(d, "cd"));
        assertTrue(d.endOfInput());
        assertEquals("abcd", body(d));
        assertTrue(d.close());
    }

    @Test
    void connectionHeadersDecideKeepAlive() throws Exception {
        assertTrue(feed(d, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"));
        assertTrue(d.close());
        d.reset();
        assertTrue(feed(d, "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n"));
        assertFalse(d.close());
    }

    @Test
    void closingMidAnswerIsAnError() throws Exception {
        assertFalse(feed(d, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));
        assertThrows(ResponseDecoder.Malformed.class, d::endOfInput);
        ResponseDecoder fresh = decoder(10);
        assertFalse(fresh.started());
        assertThrows(ResponseDecoder.Malformed.class, fresh::endOfInput);
    }

    @Test
    void malformedAnswersAreRefused() {
        String[] bad = {
            "HTTP/2 200 OK\r\n\r\n",
            "HTTP/1.1 2x0 OK\r\n\r\n",
            "SSH-2.0-OpenSSH\r\n\r\n",
            "HTTP/1.1 100 Continue\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcd",
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: -3\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
            "HTTP/1.1 200 OK\r\n folded\r\n\r\n",
            "HTTP/1.1 200 OK\r\nno colon\r\n\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nextra",
        };
        for (String s : bad) {
            assertThrows(ResponseDecoder.Malformed.class, () -> feed(decoder(1000), s), s);
        }
    }

    @Test
    void oversizedHeadsAndBodiesAreRefused() {
        assertThrows(ResponseDecoder.Malformed.class, () -> feed(decoder(1000), "HTTP/1.1 200 OK\r\nX: " + "a".repeat(600)));
        assertThrows(ResponseDecoder.Malformed.class, () -> feed(decoder(10), "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n"));
        assertThrows(ResponseDecoder.Malformed.class,
                () -> feed(decoder(10), "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nabcdef\r\n6\r\n"));
        assertThrows(ResponseDecoder.Malformed.class, () -> feed(decoder(10), "HTTP/1.1 200 OK\r\n\r\n" + "a".repeat(11)));
    }

    @Test
    void messagesNeverQuoteTheBytes() {
        ResponseDecoder.Malformed e = assertThrows(ResponseDecoder.Malformed.class,
                () -> feed(decoder(1000), "HTTP/1.1 200 OK\r\nX-Auth-Token secret-token\r\n\r\n"));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
    }

    @Test
    void bytesAfterTheEndAreRefusedEvenInALaterFeed() throws Exception {
        assertTrue(feed(d, "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na"));
        assertThrows(ResponseDecoder.Malformed.class, () -> feed(d, "b"));
        assertArrayEquals(new byte[] {'a'}, d.body());
    }
}
