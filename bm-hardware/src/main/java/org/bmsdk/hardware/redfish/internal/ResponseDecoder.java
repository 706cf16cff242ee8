package org.bmsdk.hardware.redfish.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads one HTTP/1.1 answer from a byte stream that arrives in pieces of any size, in place: the
 * bytes are kept in one array that is reused from answer to answer, a chunked body is joined where
 * it lies, and only the headers a poll needs are looked at (Content-Length, Transfer-Encoding,
 * Connection, Content-Type). Heads and bodies are capped; anything that does not frame as HTTP is a
 * {@link Malformed} error, which costs the poll of that one BMC and its connection, nothing else.
 *
 * <p>Not thread-safe: one per connection, used by the connection's event loop only.
 */
final class ResponseDecoder {

    /** What the bytes were not. The message never quotes them: an answer may echo a request header. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private static final int MAX_LINE = 8192;
    private static final int HEAD = 0;
    private static final int FIXED = 1;
    private static final int CHUNK_SIZE = 2;
    private static final int CHUNK_DATA = 3;
    private static final int CHUNK_END = 4;
    private static final int TRAILERS = 5;
    private static final int UNTIL_CLOSE = 6;
    private static final int DONE = 7;

    private final int maxHead;
    private final long maxBody;
    private byte[] buf = new byte[4096];
    private int len;
    private int state;
    /** HEAD: where the search for the blank line resumes; chunks: the first byte not yet decoded. */
    private int pos;
    private int bodyStart;
    private int bodyLen;
    private long remaining;
    private int status;
    private long contentLength;
    private boolean chunked;
    private boolean close;
    private String contentType;

    /**
     * @param maxHead the longest status line and headers accepted, in bytes
     * @param maxBody the longest body accepted, in bytes
     */
    ResponseDecoder(int maxHead, long maxBody) {
        this.maxHead = maxHead;
        this.maxBody = maxBody;
    }

    /** Forgets the last answer, keeping the array, for the next one on the same connection. */
    void reset() {
        len = 0;
        state = HEAD;
        pos = 0;
        bodyStart = 0;
        bodyLen = 0;
        remaining = 0;
        status = 0;
        contentLength = -1;
        chunked = false;
        close = false;
        contentType = null;
    }

    /** @return whether any byte of the answer has come */
    boolean started() {
        return len > 0;
    }

    /** @return whether the answer is whole */
    boolean done() {
        return state == DONE;
    }

    /**
     * Takes every byte left in {@code src}.
     *
     * @param src bytes read from the connection
     * @return whether the answer is now whole
     * @throws Malformed when the bytes are not an HTTP answer, too long, or go on past its end
     */
    boolean feed(ByteBuffer src) throws Malformed {
        int n = src.remaining();
        if (n == 0) {
            return state == DONE;
        }
        if (state == DONE) {
            throw new Malformed("bytes after the end of the answer");
        }
        ensure(n);
        src.get(buf, len, n);
        len += n;
        advance();
        return state == DONE;
    }

    /**
     * The peer closed the connection.
     *
     * @return whether the answer is whole (a body that runs until the connection closes)
     * @throws Malformed when it closed mid-answer
     */
    boolean endOfInput() throws Malformed {
        if (state == UNTIL_CLOSE) {
            state = DONE;
            close = true;
            return true;
        }
        if (state == DONE) {
            return true;
        }
        throw new Malformed(len == 0 ? "the connection closed before an answer" : "the connection closed mid-answer");
    }

    /** @return the status code */
    int status() {
        return status;
    }

    /** @return the Content-Type, or null */
    String contentType() {
        return contentType;
    }

    /** @return whether the connection must be closed after this answer */
    boolean close() {
        return close;
    }

    /** @return a copy of the body */
    byte[] body() {
        byte[] b = new byte[bodyLen];
        System.arraycopy(buf, bodyStart, b, 0, bodyLen);
        return b;
    }

    private void ensure(int more) throws Malformed {
        long need = (long) len + more;
        if (need > maxHead + maxBody + 64L * 1024) {
            // Framing overhead (chunk lines, trailers) is allowed some slack; beyond it the answer is too long whatever it is.
            throw new Malformed("the answer is longer than " + (maxHead + maxBody) + " bytes");
        }
        if (need > buf.length) {
            byte[] b = new byte[(int) Math.max(need, Math.min(2L * buf.length, maxHead + maxBody + 64L * 1024))];
            System.arraycopy(buf, 0, b, 0, len);
            buf = b;
        }
    }

    private void advance() throws Malformed {
        if (state == HEAD) {
            int end = headEnd();
            if (end < 0) {
                if (len > maxHead) {
                    throw new Malformed("the head of the answer is longer than " + maxHead + " bytes");
                }
                return;
            }
            if (end > maxHead) {
                throw new Malformed("the head of the answer is longer than " + maxHead + " bytes");
            }
            parseHead(end);
            bodyStart = end + 4;
            pos = bodyStart;
            bodyLen = 0;
            if (status == 204 || status == 304) {
                state = DONE;
            } else if (chunked) {
                state = CHUNK_SIZE;
            } else if (contentLength >= 0) {
                if (contentLength > maxBody) {
                    throw new Malformed("the body of " + contentLength + " bytes is over the cap of " + maxBody);
                }
                state = FIXED;
            } else {
                state = UNTIL_CLOSE;
                close = true;
            }
        }
        if (state == FIXED) {
            long have = len - bodyStart;
            if (have > contentLength) {
                throw new Malformed("bytes after the end of the answer");
            }
            if (have == contentLength) {
                bodyLen = (int) contentLength;
                state = DONE;
            }
            return;
        }
        if (state == UNTIL_CLOSE) {
            bodyLen = len - bodyStart;
            if (bodyLen > maxBody) {
                throw new Malformed("the body is over the cap of " + maxBody + " bytes");
            }
            return;
        }
        chunks();
        if (state == DONE && pos < len) {
            throw new Malformed("bytes after the end of the answer");
        }
    }

    /** The offset of the CRLF CRLF that ends the head, or -1; resumes where the last search stopped. */
    private int headEnd() {
        for (int i = Math.max(0, pos); i + 3 < len; i++) {
            if (buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r' && buf[i + 3] == '\n') {
                return i;
            }
        }
        pos = Math.max(0, len - 3);
        return -1;
    }

    private void parseHead(int end) throws Malformed {
        int eol = indexOfCrlf(0, end);
        if (eol < 0) {
            eol = end;
        }
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (eol < 12 || !startsWith(0, "HTTP/1.") || (buf[7] != '0' && buf[7] != '1') || buf[8] != ' '
                || !digit(buf[9]) || !digit(buf[10]) || !digit(buf[11]) || (eol > 12 && buf[12] != ' ')) {
            throw new Malformed("not an HTTP/1.x status line");
        }
        status = (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + (buf[11] - '0');
        if (status < 200) {
            throw new Malformed("an interim " + status + " answer to a GET");
        }
        close = buf[7] == '0'; // HTTP/1.0 closes unless it says keep-alive
        int i = eol + 2;
        while (i < end) {
            int next = indexOfCrlf(i, end);
            int lineEnd = next < 0 ? end : next;
            header(i, lineEnd);
            i = lineEnd + 2;
        }
        if (chunked && contentLength >= 0) {
            contentLength = -1; // Transfer-Encoding wins over Content-Length (RFC 9112 6.3)
        }
    }

    private void header(int from, int to) throws Malformed {
        if (buf[from] == ' ' || buf[from] == '\t') {
            throw new Malformed("a folded header line");
        }
        int colon = -1;
        for (int k = from; k < to; k++) {
            byte b = buf[k];
            if (b == ':') {
                colon = k;
                break;
            }
            if (b <= ' ' || b >= 0x7f) {
                throw new Malformed("a header name with a space or control character");
            }
        }
        if (colon <= from) {
            throw new Malformed("a header line without a name and a colon");
        }
        int nameLen = colon - from;
        if (nameLen != 14 && nameLen != 17 && nameLen != 10 && nameLen != 12) {
            return; // none of the four this decoder reads
        }
        String name = new String(buf, from, nameLen, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        String value = new String(buf, colon + 1, to - colon - 1, StandardCharsets.ISO_8859_1).strip();
        switch (name) {
            case "content-length" -> {
                long v = parseLength(value);
                if (contentLength >= 0 && contentLength != v) {
                    throw new Malformed("two different Content-Length headers");
                }
                contentLength = v;
            }
            case "transfer-encoding" -> {
                if (!value.equalsIgnoreCase("chunked")) {
                    throw new Malformed("a Transfer-Encoding other than chunked (none was asked for)");
                }
                chunked = true;
            }
            case "connection" -> {
                String v = value.toLowerCase(Locale.ROOT);
                if (v.contains("close")) {
                    close = true;
                } else if (v.contains("keep-alive")) {
                    close = false;
                }
            }
            case "content-type" -> contentType = value;
            default -> {
            }
        }
    }

    private static long parseLength(String value) throws Malformed {
        if (value.isEmpty() || value.length() > 18) {
            throw new Malformed("a Content-Length that is not a number");
        }
        long v = 0;
        for (int k = 0; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c < '0' || c > '9') {
                throw new Malformed("a Content-Length that is not a number");
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Joins the chunks decoded so far right after the head; {@code pos} is the first raw byte not decoded. */
    private void chunks() throws Malformed {
        while (true) {
            switch (state) {
                case CHUNK_SIZE -> {
                    int eol = line();
                    if (eol < 0) {
                        return;
                    }
                    remaining = chunkSize(pos, eol);
                    pos = eol + 2;
                    if (remaining == 0) {
                        state = TRAILERS;
                    } else {
                        if (bodyLen + remaining > maxBody) {
                            throw new Malformed("the chunked body is over the cap of " + maxBody + " bytes");
                        }
                        state = CHUNK_DATA;
                    }
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, len - pos);
                    if (n == 0) {
                        return;
                    }
                    System.arraycopy(buf, pos, buf, bodyStart + bodyLen, n);
                    bodyLen += n;
                    pos += n;
                    remaining -= n;
                    if (remaining == 0) {
                        state = CHUNK_END;
                    }
                }
                case CHUNK_END -> {
                    if (len - pos < 2) {
                        return;
                    }
                    if (buf[pos] != '\r' || buf[pos + 1] != '\n') {
                        throw new Malformed("a chunk not followed by CRLF");
                    }
                    pos += 2;
                    state = CHUNK_SIZE;
                }
                case TRAILERS -> {
                    int eol = line();
                    if (eol < 0) {
                        return;
                    }
                    boolean blank = eol == pos;
                    pos = eol + 2;
                    if (blank) {
                        state = DONE;
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    /** The CRLF ending the line at {@code pos}, or -1 when it has not come yet. */
    private int line() throws Malformed {
        int eol = indexOfCrlf(pos, len);
        if (eol < 0 && len - pos > MAX_LINE) {
            throw new Malformed("a chunk or trailer line longer than " + MAX_LINE + " bytes");
        }
        return eol;
    }

    private long chunkSize(int from, int to) throws Malformed {
        long v = 0;
        int digits = 0;
        int k = from;
        for (; k < to; k++) {
            int d = Character.digit(buf[k], 16);
            if (d < 0) {
                break;
            }
            if (++digits > 15) {
                throw new Malformed("a chunk size that is too long");
            }
            v = v * 16 + d;
        }
        if (digits == 0 || (k < to && buf[k] != ';' && buf[k] != ' ' && buf[k] != '\t')) {
            throw new Malformed("a chunk size that is not hexadecimal");
        }
        return v;
    }

    private int indexOfCrlf(int from, int to) {
        for (int k = from; k + 1 < to; k++) {
            if (buf[k] == '\r' && buf[k + 1] == '\n') {
                return k;
            }
        }
        return -1;
    }

    private boolean startsWith(int at, String s) {
        for (int k = 0; k < s.length(); k++) {
            if (buf[at + k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }
}
