package org.bmsdk.hardware.ipmi.internal;

/**
 * The RAKP codes and session keys of IPMI v2.0 section 13.31 and 13.32, as pure functions of the
 * exchange's public values and the key. Names follow the specification: "m" is the remote console
 * (us), "c" the managed system (the BMC).
 *
 * @param consoleSessionId SIDm
 * @param bmcSessionId SIDc
 * @param consoleRandom Rm
 * @param bmcRandom Rc
 * @param bmcGuid GUIDc
 * @param role ROLEm, the whole RAKP 1 role byte, lookup bit included
 * @param username UNAMEm; ULENGTHm is its length
 */
record Rakp(int consoleSessionId, int bmcSessionId, byte[] consoleRandom, byte[] bmcRandom, byte[] bmcGuid, int role,
        byte[] username) {

    /** Const 1 and Const 2 are 20 bytes for every authentication algorithm. */
    private static final int CONSTANT_LENGTH = 20;

    /**
     * The BMC's proof in RAKP 2 that it knows the user's key:
     * HMAC_Kuid(SIDm, SIDc, Rm, Rc, GUIDc, ROLEm, ULENGTHm, UNAMEm).
     */
    byte[] rakp2Code(CipherSuite.Auth auth, byte[] kuid) {
        return Crypto.hmac(auth.mac, kuid, Bytes.leInt(consoleSessionId), Bytes.leInt(bmcSessionId), consoleRandom, bmcRandom,
                bmcGuid, roleAndName());
    }

    /** Our proof in RAKP 3: HMAC_Kuid(Rc, SIDm, ROLEm, ULENGTHm, UNAMEm). */
    byte[] rakp3Code(CipherSuite.Auth auth, byte[] kuid) {
        return Crypto.hmac(auth.mac, kuid, bmcRandom, Bytes.leInt(consoleSessionId), roleAndName());
    }

    /** The session integrity key: SIK = HMAC_Kg(Rm, Rc, ROLEm, ULENGTHm, UNAMEm); Kg is Kuid when no BMC key is set. */
    byte[] sik(CipherSuite.Auth auth, byte[] kg) {
        return Crypto.hmac(auth.mac, kg, consoleRandom, bmcRandom, roleAndName());
    }

    /** The BMC's proof in RAKP 4 that it derived the same SIK: HMAC_SIK(Rm, SIDc, GUIDc), truncated. */
    byte[] rakp4Code(CipherSuite.Auth auth, byte[] sik) {
        return Crypto.truncatedHmac(auth.mac, auth.rakp4Length, sik, consoleRandom, Bytes.leInt(bmcSessionId), bmcGuid);
    }

    /** K1 = HMAC_SIK(Const 1), the integrity key. */
    static byte[] k1(CipherSuite.Auth auth, byte[] sik) {
        return Crypto.hmac(auth.mac, sik, constant(1));
    }

    /** K2 = HMAC_SIK(Const 2); its first 16 bytes are the AES-CBC-128 key. */
    static byte[] k2(CipherSuite.Auth auth, byte[] sik) {
        return Crypto.hmac(auth.mac, sik, constant(2));
    }

    private static byte[] constant(int value) {
        byte[] c = new byte[CONSTANT_LENGTH];
        java.util.Arrays.fill(c, (byte) value);
        return c;
    }

    private byte[] roleAndName() {
        byte[] b = new byte[2 + username.length];
        b[0] = (byte) role;
        b[1] = (byte) username.length;
        System.arraycopy(username, 0, b, 2, username.length);
        return b;
    }

    @Override
    public String toString() {
        return "Rakp[SIDm=" + Integer.toHexString(consoleSessionId) + ", SIDc=" + Integer.toHexString(bmcSessionId) + "]";
    }
}
