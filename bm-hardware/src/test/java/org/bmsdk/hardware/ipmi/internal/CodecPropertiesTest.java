package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.BootPersistence;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.OpenSessionRequest;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.OpenSessionResponse;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.Rakp1;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.Rakp2;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.Rakp34;
import org.bmsdk.hardware.ipmi.peers.FruImage;

/** Every encoder's output decodes to what was encoded. */
class CodecPropertiesTest {

    @Property
    void lanMessagesRoundTrip(@ForAll @IntRange(max = 255) int target, @ForAll @IntRange(max = 63) int netFn,
            @ForAll @IntRange(max = 3) int lun, @ForAll @IntRange(max = 255) int source, @ForAll @IntRange(max = 63) int seq,
            @ForAll @IntRange(max = 255) int cmd, @ForAll @Size(max = 64) byte[] body) throws Exception {
        LanMessage m = new LanMessage(target, netFn, lun, source, seq, 3 - lun, cmd, body);
        assertEquals(m, LanMessage.decode(m.encode(), true));
    }

    @Property
    void presessionFramesRoundTrip(@ForAll @Size(min = 7, max = 255) byte[] message) throws Exception {
        RmcpFrame f = RmcpFrame.decode(RmcpFrame.presession(message));
        assertArrayEquals(message, f.payload());
        assertEquals(RmcpFrame.IPMI, f.payloadType());
    }

    @Property
    void setupMessagesRoundTrip(@ForAll @IntRange(max = 255) int tag, @ForAll @IntRange(max = 5) int priv, @ForAll int sidA,
            @ForAll int sidB, @ForAll @IntRange(max = 63) int alg, @ForAll @Size(16) byte[] random,
            @ForAll @Size(16) byte[] guid, @ForAll @Size(max = 16) byte[] user, @ForAll @Size(max = 32) byte[] code)
            throws Exception {
        OpenSessionRequest req = new OpenSessionRequest(tag, priv, sidA, alg, alg, alg);
        assertEquals(req, OpenSessionRequest.decode(req.encode()));
        OpenSessionResponse rsp = new OpenSessionResponse(tag, 0, priv, sidA, sidB, alg, alg, alg);
        assertEquals(rsp, OpenSessionResponse.decode(rsp.encode()));
        OpenSessionResponse err = new OpenSessionResponse(tag, 0x11, 0, sidA, 0, 0, 0, 0);
        assertEquals(err, OpenSessionResponse.decode(err.encode()));
        Rakp1 r1 = new Rakp1(tag, sidB, random, 0x10 | priv, user);
        assertEquals(r1, Rakp1.decode(r1.encode()));
        Rakp2 r2 = new Rakp2(tag, 0, sidA, random, guid, code);
        assertEquals(r2, Rakp2.decode(r2.encode()));
        Rakp34 r3 = new Rakp34(tag, 0, sidB, code);
        assertEquals(r3, Rakp34.decode(r3.encode()));
        RmcpFrame f = RmcpFrame.decode(RmcpFrame.rmcpPlus(RmcpFrame.RAKP_1, r1.encode()));
        assertEquals(r1, Rakp1.decode(f.payload()));
    }

    @Provide
    Arbitrary<CipherSuite> suites() {
        return Arbitraries.of(CipherSuite.class);
    }

    @Property
    void sealedSessionPacketsOpenOnTheOtherSide(@ForAll("suites") CipherSuite suite, @ForAll @Size(32) byte[] k1,
            @ForAll @Size(32) byte[] k2, @ForAll int consoleSid, @ForAll int bmcSid,
            @ForAll @Size(max = 300) byte[] payload, @ForAll @IntRange(min = 1, max = 5) int packets) throws Exception {
        SessionSecurity console = new SessionSecurity(suite, consoleSid, bmcSid, k1, k2);
        SessionSecurity bmc = new SessionSecurity(suite, bmcSid, consoleSid, k1, k2);
        for (int i = 0; i < packets; i++) {
            assertArrayEquals(payload, bmc.open(RmcpFrame.decode(console.seal(RmcpFrame.IPMI, payload))));
            assertArrayEquals(payload, console.open(RmcpFrame.decode(bmc.seal(RmcpFrame.IPMI, payload))));
        }
    }

    @Property
    void aesPayloadsRoundTrip(@ForAll @Size(16) byte[] key, @ForAll @Size(max = 200) byte[] plain) throws Exception {
        assertArrayEquals(plain, Crypto.decrypt(key, Crypto.encrypt(key, plain)));
    }

    @Property
    void bootFlagsRoundTrip(@ForAll("ipmiDevices") BootDevice device, @ForAll BootMode mode, @ForAll BootPersistence p)
            throws Exception {
        BootOverride o = new BootOverride(device, mode, p);
        BootFlags f = BootFlags.of(o);
        BootFlags back = BootFlags.decodeResponse(Bytes.concat(Bytes.of(0x01, 0x05), f.encode()));
        assertEquals(f, back);
        assertEquals(Optional.of(o), back.toOverride(false));
    }

    @Provide
    Arbitrary<BootDevice> ipmiDevices() {
        return Arbitraries.of(BootDevice.PXE, BootDevice.DISK, BootDevice.CDROM, BootDevice.BIOS_SETUP);
    }

    @Property(tries = 200)
    void fruImagesParseBack(@ForAll("fruText") String a, @ForAll("fruText") String b, @ForAll("fruText") String c,
            @ForAll("fruText") String d) throws Exception {
        FruData f = FruData.parse(FruImage.of(a, b, c, d, b, a, d, c, a, b));
        assertEquals(new FruData(a, b, c, d, b, a, d, c, a, b), f);
    }

    /** No 1-character fields: their 8-bit type/length byte would be C1h, the FRU end-of-fields marker. */
    @Provide
    Arbitrary<String> fruText() {
        return Arbitraries.strings().withCharRange('!', '~').ofMinLength(0).ofMaxLength(30).filter(t -> t.length() != 1);
    }
}
