package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Known answers computed outside this code base: the RAKP codes and keys with Python's hmac module
 * from the formulas of IPMI v2.0 sections 13.31/13.32, an AES-CBC-128 block with {@code openssl enc
 * -nopad}, message checksums from a FreeIPMI packet dump, and replies captured from ipmi_sim and
 * pyghmi.
 */
class SpecVectorsTest {

    static final HexFormat HEX = HexFormat.of();

    static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    static byte[] range(int from, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    /** SIDm 11223344h, SIDc A0B0C0D0h, Rm 00..0F, Rc 10..1F, GUIDc A0..AF, role 14h, user "admin", password "password". */
    static final Rakp RAKP = new Rakp(0x11223344, 0xA0B0C0D0, range(0, 16), range(0x10, 16), range(0xA0, 16), 0x14,
            "admin".getBytes(StandardCharsets.US_ASCII));
    static final byte[] KUID = "password".getBytes(StandardCharsets.US_ASCII);

    @Test
    void rakpHmacSha1() {
        CipherSuite.Auth a = CipherSuite.Auth.HMAC_SHA1;
        assertEquals("43216a34c6c66c16de6c85beebcc14fb196ca56e", HEX.formatHex(RAKP.rakp2Code(a, KUID)));
        assertEquals("4402012e214da511895a399bd77d5396e7998a4d", HEX.formatHex(RAKP.rakp3Code(a, KUID)));
        byte[] sik = RAKP.sik(a, KUID);
        assertEquals("122c77c4b11ccd93251cbae6c34a9cb6310da154", HEX.formatHex(sik));
        assertEquals("9e32a61a7eff2a227cc7cb49", HEX.formatHex(RAKP.rakp4Code(a, sik)));
        assertEquals("e4472be78f9a81fa68297aab696a7be8c97fc9f8", HEX.formatHex(Rakp.k1(a, sik)));
        assertEquals("2b6552012a2517cb3b5713901d757a6efc7d8301", HEX.formatHex(Rakp.k2(a, sik)));
    }

    @Test
    void rakpHmacSha256() {
        CipherSuite.Auth a = CipherSuite.Auth.HMAC_SHA256;
        assertEquals("11a04cad68303f16110a2c99be89291421f34b769aef5459c66ec6b1c9cfdfc8", HEX.formatHex(RAKP.rakp2Code(a, KUID)));
        assertEquals("e6f17841e92f8c11cbc4fd1cafcc9c21e3d814e713e13e9ee640103b50c0ef15", HEX.formatHex(RAKP.rakp3Code(a, KUID)));
        byte[] sik = RAKP.sik(a, KUID);
        assertEquals("e5935f7199865ad961063477b0662684e2ce9b1da8f2b8d41c5ce127d37e9bcf", HEX.formatHex(sik));
        assertEquals("329dee2c0ec9a8a9cffc80f28b2fbf9d", HEX.formatHex(RAKP.rakp4Code(a, sik)));
        assertEquals("dc4fe73d075306f6897115dd63257385e845c10404fa1d73991790c6a101bec2", HEX.formatHex(Rakp.k1(a, sik)));
        assertEquals("2a4f969ea6dfa83066f36674fdc2fea289fa1a21da90303e9b5269b54ec5adb5", HEX.formatHex(Rakp.k2(a, sik)));
    }

    @Test
    void hmacMatchesRfc2202AndRfc4231() {
        byte[] key = "Jefe".getBytes(StandardCharsets.US_ASCII);
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);
        assertEquals("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79", HEX.formatHex(Crypto.hmac("HmacSHA1", key, data)));
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                HEX.formatHex(Crypto.hmac("HmacSHA256", key, data)));
        assertEquals("effcdf6ae5eb2fa2d27416d5", HEX.formatHex(Crypto.truncatedHmac("HmacSHA1", 12, key, data)));
    }

    @Test
    void aesCbcMatchesOpenSslWithTheIpmiPad() throws Exception {
        // an 8-byte IPMI message, padded 01..07 and pad length 07 to one block (openssl enc -aes-128-cbc -nopad)
        byte[] key = hex("2b6552012a2517cb3b5713901d757a6e");
        byte[] iv = range(0, 16);
        byte[] message = hex("811c6320040100db");
        byte[] sealed = Crypto.encrypt(key, iv, message);
        assertEquals(HEX.formatHex(iv) + "36eee70e12da3fba23c3c306dc9e31d9", HEX.formatHex(sealed));
        assertArrayEquals(message, Crypto.decrypt(key, sealed));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 14, 15, 16, 17, 31, 32, 100})
    void theConfidentialityPadIsOneTwoThreeThenItsLength(int length) throws Exception {
        byte[] key = range(0x40, 16);
        byte[] plain = range(0x80, length);
        byte[] sealed = Crypto.encrypt(key, plain);
        int pad = (16 - (length + 1) % 16) % 16;
        assertEquals(16 + length + pad + 1, sealed.length);
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(sealed, 0, 16));
        byte[] raw = c.doFinal(sealed, 16, sealed.length - 16);
        for (int i = 0; i < pad; i++) {
            assertEquals(i + 1, raw[length + i]);
        }
        assertEquals(pad, raw[raw.length - 1]);
        assertArrayEquals(plain, Crypto.decrypt(key, sealed));
    }

    @Test
    void aWrongPadIsABadPaddingDrop() throws Exception {
        byte[] key = range(0x40, 16);
        byte[] iv = range(0, 16);
        Cipher c = Cipher.getInstance("AES/CBC/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
        byte[] badPad = c.doFinal(hex("00112233445566770101010101010107"));
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Crypto.decrypt(key, Bytes.concat(iv, badPad)));
        assertEquals(DropReason.BAD_PADDING, e.reason());
    }

    @Test
    void messageChecksumsMatchAFreeIpmiPacketDump() {
        // Get Channel Authentication Capabilities, channel 0Eh with v2.0 data, maximum privilege 3: rqSeq 02h, 2Ah, 25h
        byte[] m = LanMessage.request(0x06, 0x38, 0x02, Bytes.of(0x8E, 0x03)).encode();
        assertEquals("2018c88108388e03ae", HEX.formatHex(m));
        assertEquals((byte) 0x0E, LanMessage.request(0x06, 0x38, 0x2A, Bytes.of(0x8E, 0x03)).encode()[8]);
        assertEquals((byte) 0x22, LanMessage.request(0x06, 0x38, 0x25, Bytes.of(0x8E, 0x03)).encode()[8]);
    }

    @Test
    void decodesIpmiSimsAuthenticationCapabilities() throws Exception {
        RmcpFrame f = RmcpFrame.decode(hex("0600ff0700000000000000000010811c6320043800019704030000000005"));
        assertEquals(false, f.rmcpPlus());
        LanMessage m = f.message(true);
        assertEquals(0x07, m.netFn());
        assertEquals(0x38, m.command());
        assertEquals(1, m.sequence());
        // completion code 0, channel 1, auth types 97h (v2.0 data present), non-null users, IPMI 1.5 and 2.0
        assertEquals("0001970403000000", HEX.formatHex(m.body()).substring(0, 16));
    }

    @Test
    void decodesPyghmisCipherSuitesSentInTheV2FormatAndListsSuite3() throws Exception {
        RmcpFrame f = RmcpFrame.decode(hex("0600ff07060000000000000000000e00811c632004540001c00301418101"));
        assertTrue(f.rmcpPlus());
        LanMessage m = f.message(true);
        assertEquals(0x54, m.command());
        byte[] records = java.util.Arrays.copyOfRange(m.body(), 2, m.body().length);
        assertEquals(List.of(3), CipherSuiteRecords.ids(records));
    }

    @Test
    void listsIpmiSimsCipherSuitesAcrossResponses() {
        byte[] records = Bytes.concat(hex("c000004080c001014080c002014180c0"), hex("03014181c004014182c005014183c006"),
                hex("024080c00702418180c0080241818180c009024181828280"));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), CipherSuiteRecords.ids(records));
        // an OEM record (C1h, id, IANA) is skipped
        assertEquals(List.of(3), CipherSuiteRecords.ids(hex("c1aa0102030141 81c003014181".replace(" ", ""))));
    }

    @Test
    void aSealedPacketHasTheRmcpPlusLayoutAndAlignedIntegrityPad() throws Exception {
        byte[] k = range(1, 20);
        SessionSecurity console = new SessionSecurity(CipherSuite.SUITE_3, 0x01020304, 0x0A0B0C0D, k, k);
        for (int n = 0; n < 40; n++) {
            byte[] p = console.seal(RmcpFrame.IPMI, range(0, n));
            assertEquals("0600ff0706c00d0c0b0a", HEX.formatHex(p, 0, 10));
            RmcpFrame f = RmcpFrame.decode(p);
            int padLength = p[p.length - 12 - 2];
            assertEquals(0, (p.length - 12 - 4) % 4, "integrity pad aligns the covered bytes");
            for (int i = 0; i < padLength; i++) {
                assertEquals((byte) 0xFF, p[f.payloadEnd() + i]);
            }
            assertEquals(0x07, p[p.length - 13]);
        }
    }
}
