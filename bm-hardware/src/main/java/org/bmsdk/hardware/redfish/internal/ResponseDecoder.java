package org.bmsdk.hardware.redfish.internal;

import java.nio.ByteBuffer;

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
    private ResponseHead head = ResponseHead.NONE;
    /** The connection must be closed after this answer: its head said so, or its body ran until the close. */
    private boolean close;

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
        head = ResponseHead.NONE;
        close = false;
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
        return head.status();
    }

    /** @return the Content-Type, or null */
    String contentType() {
        return head.contentType();
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
            head = ResponseHead.parse(buf, end);
            close = head.close();
            bodyStart = end + 4;
            pos = bodyStart;
            bodyLen = 0;
            if (head.status() == 204 || head.status() == 304) {
                state = DONE;
            } else if (head.chunked()) {
                state = CHUNK_SIZE;
            } else if (head.contentLength() >= 0) {
                if (head.contentLength() > maxBody) {
                    throw new Malformed("the body of " + head.contentLength() + " bytes is over the cap of " + maxBody);
                }
                state = FIXED;
            } else {
                state = UNTIL_CLOSE;
                close = true;
            }
        }
        if (state == FIXED) {
            long have = len - bodyStart;
            if (have > head.contentLength()) {
                throw new Malformed("bytes after the end of the answer");
            }
            if (have == head.contentLength()) {
                bodyLen = (int) have;
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
        return ResponseHead.indexOfCrlf(buf, from, to);
    }
}
