package org.bmsdk.testkit.storage.internal.iscsi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text of login and text PDUs (RFC 7143 section 6): {@code key=value} pairs, each ending in a
 * NUL byte, UTF-8. Keys of at most 63 characters of letters, digits and {@code .-+@_}; values of
 * at most 8192 bytes; a key given twice is an error.
 */
public final class TextKeys {

    private TextKeys() {
    }

    /**
     * Parses a data segment.
     *
     * @param data the bytes
     * @return the pairs in order
     * @throws IscsiProtocolException when a pair is malformed or repeated
     */
    public static Map<String, String> parse(byte[] data) throws IscsiProtocolException {
        Map<String, String> keys = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= data.length; i++) {
            if (i == data.length || data[i] == 0) {
                if (i > start) {
                    String pair = new String(data, start, i - start, StandardCharsets.UTF_8);
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        throw new IscsiProtocolException("a text pair without a key and '='");
                    }
                    String key = pair.substring(0, eq);
                    if (key.length() > 63 || !key.matches("[A-Za-z0-9.+@_-]+")) {
                        throw new IscsiProtocolException("a malformed text key");
                    }
                    if (i - start - eq - 1 > 8192) {
                        throw new IscsiProtocolException("a text value longer than 8192 bytes");
                    }
                    if (keys.put(key, pair.substring(eq + 1)) != null) {
                        throw new IscsiProtocolException("key " + key + " given twice");
                    }
                }
                // empty pairs (NUL padding some initiators send) are skipped
                start = i + 1;
            }
        }
        return keys;
    }

    /**
     * Encodes pairs.
     *
     * @param keys the pairs in order
     * @return the data segment
     */
    public static byte[] encode(Map<String, String> keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        keys.forEach((k, v) -> {
            out.writeBytes((k + "=" + v).getBytes(StandardCharsets.UTF_8));
            out.write(0);
        });
        return out.toByteArray();
    }
}
