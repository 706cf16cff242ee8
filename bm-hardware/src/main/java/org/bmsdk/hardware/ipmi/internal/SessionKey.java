package org.bmsdk.hardware.ipmi.internal;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.hardware.ipmi.IpmiOptions;

/**
 * What makes two connections share one session: the same BMC, user, password and options. The
 * password enters only as a keyed fingerprint (HMAC-SHA256 under a key made at random for this
 * process), so that a caller with the wrong password never rides on a session someone else opened
 * with the right one, and the key cannot be used to guess the password elsewhere.
 *
 * @param peer the BMC's address
 * @param username the user
 * @param passwordFingerprint the keyed fingerprint
 * @param options the driver options
 */
record SessionKey(InetSocketAddress peer, String username, String passwordFingerprint, IpmiOptions options) {

    private static final byte[] PROCESS_KEY = Crypto.random(32);

    SessionKey {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(passwordFingerprint, "passwordFingerprint");
        Objects.requireNonNull(options, "options");
    }

    static SessionKey of(InetSocketAddress peer, String username, Secret password, IpmiOptions options) {
        byte[] p = password.revealBytes();
        try {
            return new SessionKey(peer, username, Bytes.hex(Crypto.hmac("HmacSHA256", PROCESS_KEY, p)), options);
        } finally {
            Bytes.wipe(p);
        }
    }

    @Override
    public String toString() {
        return "SessionKey[" + peer + ", user=" + username + "]";
    }
}
