package org.bmsdk.testkit.redfish.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits request paths into decoded segments and encodes ids into paths. Clients differ in what
 * they send ({@code /redfish/v1} or {@code /redfish/v1/}, a query, percent-encoded ids): all of
 * these reach the same resource.
 */
public final class Paths {

    private Paths() {
    }

    /**
     * Splits a request target into decoded path segments: the query and fragment are dropped, as
     * are empty segments (so a trailing or doubled slash does not matter).
     *
     * @param target the request target, such as {@code /redfish/v1/Systems/1?$expand=.}
     * @return the segments, or empty when the target is not an absolute path or is badly encoded
     */
    public static Optional<List<String>> segments(String target) {
        if (target == null || !target.startsWith("/")) {
            return Optional.empty();
        }
        int end = target.length();
        int q = target.indexOf('?');
        if (q >= 0) {
            end = q;
        }
        int h = target.indexOf('#');
        if (h >= 0 && h < end) {
            end = h;
        }
        List<String> out = new ArrayList<>();
        for (String raw : target.substring(0, end).split("/", -1)) {
            if (raw.isEmpty()) {
                continue;
            }
            Optional<String> decoded = decode(raw);
            if (decoded.isEmpty()) {
                return Optional.empty();
            }
            out.add(decoded.get());
        }
        return Optional.of(out);
    }

    /**
     * Encodes one segment: everything but RFC 3986 unreserved characters is percent-encoded.
     *
     * @param segment the decoded segment
     * @return the encoded segment
     */
    public static String encode(String segment) {
        StringBuilder sb = new StringBuilder(segment.length());
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }

    /**
     * Joins a base path and raw segments, encoding each.
     *
     * @param base an already-encoded path, such as {@code /redfish/v1/Systems}
     * @param segments decoded segments to append
     * @return the path
     */
    public static String join(String base, String... segments) {
        StringBuilder sb = new StringBuilder(base);
        for (String s : segments) {
            sb.append('/').append(encode(s));
        }
        return sb.toString();
    }

    private static Optional<String> decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return Optional.of(raw);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        int i = 0;
        while (i < raw.length()) {
            int pct = raw.indexOf('%', i);
            if (pct < 0) {
                pct = raw.length();
            }
            // Unescaped text goes through as a whole run, so that surrogate pairs stay together.
            byte[] run = raw.substring(i, pct).getBytes(StandardCharsets.UTF_8);
            out.write(run, 0, run.length);
            if (pct == raw.length()) {
                break;
            }
            if (pct + 2 >= raw.length()) {
                return Optional.empty();
            }
            int hi = Character.digit(raw.charAt(pct + 1), 16);
            int lo = Character.digit(raw.charAt(pct + 2), 16);
            if (hi < 0 || lo < 0) {
                return Optional.empty();
            }
            out.write((hi << 4) | lo);
            i = pct + 3;
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }
}
