package org.bmsdk.testkit.redfish.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.bmsdk.testkit.redfish.IfMatchPolicy;

/**
 * ETags of rendered resources, and the {@code If-Match} check of a PATCH. The ETag is a weak one
 * ({@code W/"…"}) over the resource's JSON, so it changes whenever what a GET shows changes.
 */
public final class ETags {

    private ETags() {
    }

    /**
     * The ETag of a rendered resource.
     *
     * @param json the resource's bytes
     * @return the ETag, such as {@code W/"1a2b3c4d5e6f7a8b"}
     */
    public static String of(byte[] json) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(json);
            return "W/\"" + HexFormat.of().formatHex(d, 0, 8) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Checks a PATCH's {@code If-Match} against the current ETag.
     *
     * @param policy how this BMC treats If-Match
     * @param ifMatch the header, if sent
     * @param current the resource's current ETag
     * @throws RedfishException 428 when required and missing, 412 when stale or rejected
     */
    public static void check(IfMatchPolicy policy, Optional<String> ifMatch, String current) {
        if (ifMatch.isEmpty()) {
            if (policy == IfMatchPolicy.REQUIRED) {
                throw new RedfishException(428, Messages.preconditionRequired());
            }
            return;
        }
        if (policy == IfMatchPolicy.REJECTED) {
            throw new RedfishException(412, Messages.preconditionFailed());
        }
        if (!matches(ifMatch.get(), current)) {
            throw new RedfishException(412, Messages.preconditionFailed());
        }
    }

    /**
     * Whether an If-Match list names an ETag, comparing weakly (a {@code W/} prefix on either side
     * does not matter, as real clients send back what they were given).
     *
     * @param header the If-Match value: {@code *} or a comma-separated list
     * @param current the current ETag
     * @return whether it matches
     */
    public static boolean matches(String header, String current) {
        String want = opaque(current);
        for (String part : header.split(",")) {
            String p = part.strip();
            if (p.equals("*") || opaque(p).equals(want)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        String t = tag.strip();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return t;
    }
}
