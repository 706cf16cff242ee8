package org.bmsdk.testkit.storage.internal.iscsi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.bmsdk.testkit.storage.internal.TgtState.TargetView;

/**
 * The target's side of an iSCSI login (RFC 7143 sections 6.3 and 12), one request at a time,
 * without sockets: security negotiation (AuthMethod None, or CHAP with MD5 when the target has an
 * account bound: one-way, as tgt's incoming accounts are), then operational negotiation, then full
 * feature phase. The portal forces the simplest data flow a compliant initiator must accept:
 * no digests, one connection, ImmediateData=No and InitialR2T=Yes (every write's data is asked for
 * with R2T), error recovery level 0. Not thread-safe: one per connection.
 */
public final class LoginNegotiation {

    /** Status classes and details of a login response (RFC 7143 11.13.5). */
    public static final int SUCCESS = 0x0000;
    public static final int INITIATOR_ERROR = 0x0200;
    public static final int AUTH_FAILURE = 0x0201;
    public static final int NOT_FOUND = 0x0203;
    public static final int MISSING_PARAMETER = 0x0207;
    public static final int OUT_OF_RESOURCES = 0x0302;

    /** Our MaxRecvDataSegmentLength, declared to the initiator. */
    public static final int OUR_MAX_RECV = 262144;
    private static final int OUR_MAX_BURST = 262144;
    private static final int OUR_FIRST_BURST = 65536;

    /** Where targets are looked up. */
    public interface Targets {
        /** @return the target of that name */
        Optional<TargetView> find(String name);

        /** @return whether a fault refuses every login now */
        boolean refuseAll();
    }

    /** One login request, as the negotiation needs it. */
    public record Request(boolean transit, boolean more, int csg, int nsg, Map<String, String> keys) {
    }

    /**
     * One login response.
     *
     * @param status class and detail, {@link #SUCCESS} or an error that ends the login
     * @param transit the T bit
     * @param csg the current stage
     * @param nsg the next stage (meaningful with transit)
     * @param keys the text to send
     */
    public record Reply(int status, boolean transit, int csg, int nsg, Map<String, String> keys) {
        /** @return whether the login failed */
        public boolean failed() {
            return status != SUCCESS;
        }
    }

    private enum Auth { UNDECIDED, NONE, CHAP_OFFERED, CHALLENGED, DONE }

    private final Targets targets;
    private final Random random;
    private final Map<String, String> pending = new LinkedHashMap<>();
    private boolean first = true;
    private boolean fullFeature;
    private boolean discovery;
    private String initiator;
    private TargetView target;
    private Auth auth = Auth.UNDECIDED;
    private int chapId;
    private byte[] challenge;
    private boolean declaredRecv;
    private int peerMaxRecv = 8192;
    private int maxBurst = OUR_MAX_BURST;

    /**
     * A new negotiation.
     *
     * @param targets the targets
     * @param random for CHAP challenges (a SecureRandom outside tests)
     */
    public LoginNegotiation(Targets targets, Random random) {
        this.targets = targets;
        this.random = random;
    }

    /**
     * Answers one request.
     *
     * @param r the request
     * @return the reply; once it failed or reached full feature phase, the negotiation is over
     */
    public Reply step(Request r) {
        if (fullFeature) {
            throw new IllegalStateException("the login is over");
        }
        if (r.more() && r.transit()) {
            // RFC 7143 11.12.2: T and C are never set together
            return fail(INITIATOR_ERROR, r);
        }
        if (r.more()) {
            // text continues in the next PDU: keep it, answer with an empty response
            pending.putAll(r.keys());
            return new Reply(SUCCESS, false, r.csg(), 0, Map.of());
        }
        Map<String, String> keys = new LinkedHashMap<>(pending);
        keys.putAll(r.keys());
        pending.clear();
        if (r.csg() != 0 && r.csg() != 1 || r.transit() && (r.nsg() != 1 && r.nsg() != 3 || r.nsg() <= r.csg())) {
            return fail(INITIATOR_ERROR, r);
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (first) {
            first = false;
            initiator = keys.get("InitiatorName");
            String type = keys.getOrDefault("SessionType", "Normal");
            if (initiator == null || initiator.isEmpty()) {
                return fail(MISSING_PARAMETER, r);
            }
            if (targets.refuseAll()) {
                return fail(OUT_OF_RESOURCES, r);
            }
            if (type.equals("Discovery")) {
                discovery = true;
            } else if (type.equals("Normal")) {
                String name = keys.get("TargetName");
                if (name == null) {
                    return fail(MISSING_PARAMETER, r);
                }
                Optional<TargetView> t = targets.find(name);
                if (t.isEmpty() || !t.get().allows(initiator)) {
                    return fail(NOT_FOUND, r);
                }
                target = t.get();
                out.put("TargetPortalGroupTag", "1");
            } else {
                return fail(INITIATOR_ERROR, r);
            }
        }
        boolean chapNeeded = !discovery && !target.chap().isEmpty();
        if (r.csg() == 0) {
            Integer failure = security(keys, out, chapNeeded);
            if (failure != null) {
                return fail(failure, r);
            }
        } else if (auth != Auth.NONE && auth != Auth.DONE) {
            if (chapNeeded || auth != Auth.UNDECIDED) {
                // the initiator skipped or cut short the security stage of a target that wants CHAP
                return fail(AUTH_FAILURE, r);
            }
            auth = Auth.NONE;
        }
        operational(keys, out);
        boolean authOpen = auth == Auth.CHAP_OFFERED || auth == Auth.CHALLENGED;
        boolean transit = r.transit() && !authOpen;
        if (transit && r.nsg() == 3) {
            if (!declaredRecv) {
                out.put("MaxRecvDataSegmentLength", String.valueOf(OUR_MAX_RECV));
                declaredRecv = true;
            }
            fullFeature = true;
        }
        return new Reply(SUCCESS, transit, r.csg(), transit ? r.nsg() : 0, out);
    }

    private Reply fail(int status, Request r) {
        fullFeature = false;
        first = false;
        return new Reply(status, false, r.csg(), 0, Map.of());
    }

    /** The security stage's keys; null when all is well, else the status to fail with. */
    private Integer security(Map<String, String> keys, Map<String, String> out, boolean chapNeeded) {
        String methods = keys.get("AuthMethod");
        if (methods != null) {
            if (auth != Auth.UNDECIDED) {
                return INITIATOR_ERROR;
            }
            List<String> offered = List.of(methods.split(","));
            if (chapNeeded && offered.contains("CHAP")) {
                out.put("AuthMethod", "CHAP");
                auth = Auth.CHAP_OFFERED;
            } else if (!chapNeeded && offered.contains("None")) {
                out.put("AuthMethod", "None");
                auth = Auth.NONE;
            } else {
                return AUTH_FAILURE;
            }
        }
        if (keys.containsKey("CHAP_A")) {
            if (auth != Auth.CHAP_OFFERED) {
                return AUTH_FAILURE;
            }
            if (!List.of(keys.get("CHAP_A").split(",")).contains("5")) {
                return AUTH_FAILURE;
            }
            chapId = random.nextInt(256);
            challenge = new byte[16];
            random.nextBytes(challenge);
            out.put("CHAP_A", "5");
            out.put("CHAP_I", String.valueOf(chapId));
            out.put("CHAP_C", "0x" + HexFormat.of().formatHex(challenge));
            auth = Auth.CHALLENGED;
        } else if (keys.containsKey("CHAP_N") || keys.containsKey("CHAP_R")) {
            if (auth != Auth.CHALLENGED || keys.containsKey("CHAP_I") || keys.containsKey("CHAP_C")) {
                // mutual CHAP: tgt's outgoing accounts are not simulated
                return AUTH_FAILURE;
            }
            String user = keys.get("CHAP_N");
            byte[] answer = chapBinary(keys.get("CHAP_R"));
            String secret = user == null ? null : target.chap().get(user);
            if (secret == null || answer == null || !MessageDigest.isEqual(answer, expected(secret))) {
                return AUTH_FAILURE;
            }
            auth = Auth.DONE;
        } else if (auth == Auth.UNDECIDED && methods == null) {
            // no AuthMethod at all: as if None were offered
            if (chapNeeded) {
                return AUTH_FAILURE;
            }
            auth = Auth.NONE;
        }
        return null;
    }

    private byte[] expected(String secret) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update((byte) chapId);
            md5.update(secret.getBytes(StandardCharsets.UTF_8));
            md5.update(challenge);
            return md5.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is missing from this JDK", e);
        }
    }

    /** A CHAP binary value: 0x hex or 0b base64 (RFC 7143 6.1); null when malformed. */
    static byte[] chapBinary(String v) {
        if (v == null || v.length() < 3) {
            return null;
        }
        try {
            if (v.startsWith("0x") || v.startsWith("0X")) {
                String hex = v.substring(2);
                return HexFormat.of().parseHex(hex.length() % 2 == 1 ? "0" + hex : hex);
            }
            if (v.startsWith("0b") || v.startsWith("0B")) {
                return java.util.Base64.getDecoder().decode(v.substring(2));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static final Set<String> DECLARATIVE = Set.of("InitiatorName", "InitiatorAlias", "TargetName", "SessionType",
            "AuthMethod", "CHAP_A", "CHAP_N", "CHAP_R", "CHAP_I", "CHAP_C");

    private void operational(Map<String, String> keys, Map<String, String> out) {
        for (Map.Entry<String, String> e : keys.entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            if (DECLARATIVE.contains(k)) {
                continue;
            }
            switch (k) {
                case "HeaderDigest", "DataDigest" -> out.put(k, List.of(v.split(",")).contains("None") ? "None" : "Reject");
                case "MaxConnections", "MaxOutstandingR2T" -> out.put(k, number(v, 1, 65535).map(n -> "1").orElse("Reject"));
                case "ErrorRecoveryLevel", "DefaultTime2Retain" -> out.put(k, number(v, 0, 3600).map(n -> "0").orElse("Reject"));
                case "DefaultTime2Wait" -> out.put(k, number(v, 0, 3600).map(String::valueOf).orElse("Reject"));
                case "InitialR2T", "DataPDUInOrder", "DataSequenceInOrder" -> out.put(k, yesNo(v) ? "Yes" : "Reject");
                case "ImmediateData", "IFMarker", "OFMarker" -> out.put(k, yesNo(v) ? "No" : "Reject");
                case "MaxBurstLength" -> out.put(k, number(v, 512, 16777215).map(n -> {
                    maxBurst = Math.min(n, OUR_MAX_BURST);
                    return String.valueOf(maxBurst);
                }).orElse("Reject"));
                case "FirstBurstLength" -> out.put(k, number(v, 512, 16777215)
                        .map(n -> String.valueOf(Math.min(n, OUR_FIRST_BURST))).orElse("Reject"));
                case "MaxRecvDataSegmentLength" -> {
                    number(v, 512, 16777215).ifPresent(n -> peerMaxRecv = n);
                    if (!declaredRecv) {
                        out.put(k, String.valueOf(OUR_MAX_RECV));
                        declaredRecv = true;
                    }
                }
                default -> {
                    // X- extensions and keys of features not simulated
                    out.put(k, "NotUnderstood");
                }
            }
        }
    }

    private static Optional<Integer> number(String v, int min, int max) {
        if (!v.matches("\\d{1,9}")) {
            return Optional.empty();
        }
        int n = Integer.parseInt(v);
        return n < min || n > max ? Optional.empty() : Optional.of(n);
    }

    private static boolean yesNo(String v) {
        return v.equals("Yes") || v.equals("No");
    }

    /** @return whether the login reached full feature phase */
    public boolean fullFeature() {
        return fullFeature;
    }

    /** @return whether this is a discovery session */
    public boolean discovery() {
        return discovery;
    }

    /** @return the initiator's name, once the first request named it */
    public String initiator() {
        return initiator;
    }

    /** @return the target logged in to (normal sessions) */
    public Optional<TargetView> target() {
        return Optional.ofNullable(target);
    }

    /** @return whether CHAP succeeded in this login */
    public boolean authenticated() {
        return auth == Auth.DONE;
    }

    /** @return the initiator's MaxRecvDataSegmentLength: the largest Data-In segment to send */
    public int peerMaxRecv() {
        return peerMaxRecv;
    }

    /** @return the negotiated MaxBurstLength */
    public int maxBurst() {
        return maxBurst;
    }

    @Override
    public String toString() {
        return "LoginNegotiation[" + initiator + (discovery ? " discovery" : target == null ? "" : " to " + target.name())
                + ", auth " + auth + "]";
    }

    static byte[] copy(byte[] b) {
        return Arrays.copyOf(b, b.length);
    }
}
