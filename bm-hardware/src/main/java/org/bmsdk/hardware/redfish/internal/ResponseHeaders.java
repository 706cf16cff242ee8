package org.bmsdk.hardware.redfish.internal;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hc.core5.http.Header;

/**
 * The headers of an answer as {@link HttpResult} holds them (names in lower case, the first value
 * of each), read from HttpClient's parsed headers only when asked. A poll reads one header
 * ({@code Content-Type}) of the seven or so a BMC sends; building the whole map up front, every
 * name lower-cased and every value cut out of the line, cost more than reading the body. A lookup
 * scans the handful of headers; the full map is built the first time something iterates it.
 * Immutable. Its {@code toString()} shows names only: values can hold a session token.
 */
final class ResponseHeaders extends AbstractMap<String, String> {

    private final Header[] all;
    private volatile Map<String, String> whole;

    ResponseHeaders(Header[] all) {
        this.all = all;
    }

    @Override
    public String get(Object key) {
        if (!(key instanceof String name) || !isLowerCase(name)) {
            return null; // the keys are lower case, as in the map this stands for
        }
        for (Header h : all) {
            if (h.getName().equalsIgnoreCase(name)) {
                String value = h.getValue(); // a parsed header cuts its value out of the line on every call
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return whole().entrySet();
    }

    @Override
    public int size() {
        return whole().size();
    }

    private Map<String, String> whole() {
        Map<String, String> w = whole;
        if (w == null) {
            w = build(all);
            whole = w;
        }
        return w;
    }

    /** Names in lower case, the first value of each, in one immutable map (a handful of headers: the duplicate check is a scan). */
    @SuppressWarnings("unchecked")
    static Map<String, String> build(Header[] all) {
        Map.Entry<String, String>[] entries = new Map.Entry[all.length];
        int n = 0;
        next:
        for (Header header : all) {
            if (header.getValue() == null) {
                continue; // never from a parsed answer; HttpResult could not hold it either
            }
            String name = header.getName().toLowerCase(Locale.ROOT);
            for (int i = 0; i < n; i++) {
                if (entries[i].getKey().equals(name)) {
                    continue next;
                }
            }
            entries[n++] = Map.entry(name, header.getValue());
        }
        return Map.ofEntries(n == entries.length ? entries : Arrays.copyOf(entries, n));
    }

    private static boolean isLowerCase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "headers" + whole().keySet();
    }
}
