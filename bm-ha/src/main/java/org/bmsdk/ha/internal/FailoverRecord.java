package org.bmsdk.ha.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A failover's progress as stored: flat fields, one {@code key=value} line each with the value
 * URL-encoded, so that any value (a reason with a newline, a port named {@code Gi1/0/1}) survives
 * and the text needs no JSON library. Immutable; {@link #with} returns a changed copy.
 */
public final class FailoverRecord {

    private final SortedMap<String, String> fields;

    private FailoverRecord(SortedMap<String, String> fields) {
        this.fields = Collections.unmodifiableSortedMap(fields);
    }

    /** @return an empty record */
    public static FailoverRecord empty() {
        return new FailoverRecord(new TreeMap<>());
    }

    /**
     * Reads a stored record.
     *
     * @param text what {@link #encode()} wrote
     * @return the record
     */
    public static FailoverRecord decode(String text) {
        SortedMap<String, String> m = new TreeMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), URLDecoder.decode(line.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return new FailoverRecord(m);
    }

    /** @return the text to store */
    public String encode() {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('\n'));
        return b.toString();
    }

    /**
     * A field.
     *
     * @param key the key
     * @return the value, or null
     */
    public String get(String key) {
        return fields.get(key);
    }

    /**
     * A field, or a default.
     *
     * @param key the key
     * @param otherwise the default
     * @return the value
     */
    public String get(String key, String otherwise) {
        return fields.getOrDefault(key, otherwise);
    }

    /**
     * Whether a field is set.
     *
     * @param key the key
     * @return true when present
     */
    public boolean has(String key) {
        return fields.containsKey(key);
    }

    /**
     * A copy with a field set, or removed when the value is null.
     *
     * @param key the key
     * @param value the value, or null to remove
     * @return the copy
     */
    public FailoverRecord with(String key, String value) {
        SortedMap<String, String> m = new TreeMap<>(fields);
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return new FailoverRecord(m);
    }

    /**
     * A copy with several fields set.
     *
     * @param values the fields
     * @return the copy
     */
    public FailoverRecord with(Map<String, String> values) {
        SortedMap<String, String> m = new TreeMap<>(fields);
        m.putAll(values);
        return new FailoverRecord(m);
    }

    /**
     * An indexed list of fields, {@code prefix.0}, {@code prefix.1}...
     *
     * @param prefix the prefix
     * @return the values in index order
     */
    public List<String> list(String prefix) {
        List<String> out = new ArrayList<>();
        for (int i = 0; fields.containsKey(prefix + "." + i); i++) {
            out.add(fields.get(prefix + "." + i));
        }
        return out;
    }

    /**
     * A copy with an indexed list set, replacing any before.
     *
     * @param prefix the prefix
     * @param values the values
     * @return the copy
     */
    public FailoverRecord withList(String prefix, List<String> values) {
        SortedMap<String, String> m = new TreeMap<>(fields);
        m.keySet().removeIf(k -> k.startsWith(prefix + ".") && k.substring(prefix.length() + 1).chars().allMatch(Character::isDigit));
        for (int i = 0; i < values.size(); i++) {
            m.put(prefix + "." + i, values.get(i));
        }
        m.put(prefix + ".count", Integer.toString(values.size()));
        return new FailoverRecord(m);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FailoverRecord r && r.fields.equals(fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return "FailoverRecord" + fields;
    }
}
