package org.bmsdk.hardware.redfish.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.bmsdk.hardware.redfish.internal.ResponseDecoder.Malformed;

/**
 * The status line and the four headers a power poll needs of an HTTP/1.x answer (Content-Length,
 * Transfer-Encoding, Connection, Content-Type), read from the bytes of its head; every other header
 * is checked for form and skipped without making a string.
 *
 * @param status the status code, 200 to 999
 * @param contentLength the body's length, or -1 when the head gives none (or the body is chunked)
 * @param chunked whether the body is chunked
 * @param close whether the connection closes after this answer
 * @param contentType the Content-Type, or null
 */
record ResponseHead(int status, long contentLength, boolean chunked, boolean close, String contentType) {

    /** No head read yet. */
    static final ResponseHead NONE = new ResponseHead(0, -1, false, false, null);

    /**
     * Reads a head.
     *
     * @param buf the bytes
     * @param end where the CRLF CRLF that ends the head starts
     * @return the head
     * @throws Malformed when it is not an HTTP/1.x answer's head, or is an interim (1xx) one
     */
    static ResponseHead parse(byte[] buf, int end) throws Malformed {
        int eol = indexOfCrlf(buf, 0, end);
        if (eol < 0) {
            eol = end;
        }
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (eol < 12 || !startsWith(buf, "HTTP/1.") || (buf[7] != '0' && buf[7] != '1') || buf[8] != ' '
                || !digit(buf[9]) || !digit(buf[10]) || !digit(buf[11]) || (eol > 12 && buf[12] != ' ')) {
            throw new Malformed("not an HTTP/1.x status line");
        }
        Builder b = new Builder();
        b.status = (buf[9] - '0') * 100 + (buf[10] - '0') * 10 + (buf[11] - '0');
        if (b.status < 200) {
            throw new Malformed("an interim " + b.status + " answer to a GET");
        }
        b.close = buf[7] == '0'; // HTTP/1.0 closes unless it says keep-alive
        int i = eol + 2;
        while (i < end) {
            int next = indexOfCrlf(buf, i, end);
            int lineEnd = next < 0 ? end : next;
            b.header(buf, i, lineEnd);
            i = lineEnd + 2;
        }
        // Transfer-Encoding wins over Content-Length (RFC 9112 6.3)
        return new ResponseHead(b.status, b.chunked ? -1 : b.contentLength, b.chunked, b.close, b.contentType);
    }

    /** The offset of the first CRLF in {@code buf[from, to)}, or -1. */
    static int indexOfCrlf(byte[] buf, int from, int to) {
        for (int k = from; k + 1 < to; k++) {
            if (buf[k] == '\r' && buf[k + 1] == '\n') {
                return k;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] buf, String s) {
        for (int k = 0; k < s.length(); k++) {
            if (buf[k] != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** What the header lines said so far. */
    private static final class Builder {
        int status;
        long contentLength = -1;
        boolean chunked;
        boolean close;
        String contentType;

        void header(byte[] buf, int from, int to) throws Malformed {
            if (buf[from] == ' ' || buf[from] == '\t') {
                throw new Malformed("a folded header line");
            }
            int colon = -1;
            for (int k = from; k < to; k++) {
                byte c = buf[k];
                if (c == ':') {
                    colon = k;
                    break;
                }
                if (c <= ' ' || c >= 0x7f) {
                    throw new Malformed("a header name with a space or control character");
                }
            }
            if (colon <= from) {
                throw new Malformed("a header line without a name and a colon");
            }
            int nameLen = colon - from;
            if (nameLen != 14 && nameLen != 17 && nameLen != 10 && nameLen != 12) {
                return; // none of the four read here
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
    }
}
