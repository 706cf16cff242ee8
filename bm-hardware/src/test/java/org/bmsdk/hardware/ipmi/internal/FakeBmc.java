package org.bmsdk.hardware.ipmi.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.OpenSessionRequest;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.OpenSessionResponse;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.Rakp1;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.Rakp2;
import org.bmsdk.hardware.ipmi.internal.SessionSetupMessages.Rakp34;

/**
 * A scriptable BMC for protocol tests, speaking RMCP+ from the BMC's side with the driver's own
 * codecs. Knobs make it misbehave the ways real BMCs and attackers do: choose "none" algorithms,
 * forge RAKP 4, refuse privileges, replay or duplicate answers, stay silent.
 */
final class FakeBmc implements AutoCloseable {

    /** Answers a session command: completion code then data; null to stay silent. */
    interface Handler extends Function<LanMessage, byte[]> {
    }

    final String user;
    final byte[] password;
    final DatagramChannel channel;
    final Thread thread;
    final byte[] guid = Crypto.random(16);

    // knobs
    volatile List<Integer> offeredSuites = List.of(3, 17);
    volatile int[] answeredAlgorithms;
    volatile boolean forgeRakp4;
    volatile int privilegeAnswer = -1;
    volatile int silentCommands;
    volatile boolean duplicateAnswers;
    volatile boolean replayPreviousAnswer;
    volatile Handler handler = m -> Bytes.of(0x00);

    // observations
    final List<String> commands = new CopyOnWriteArrayList<>();
    final AtomicInteger closeSessions = new AtomicInteger();
    final AtomicInteger openSessions = new AtomicInteger();

    private final ConcurrentHashMap<Integer, Session> sessions = new ConcurrentHashMap<>();
    private volatile byte[] previousAnswer;

    private static final class Session {
        int clientSid;
        int bmcSid;
        CipherSuite suite;
        byte[] rm;
        byte[] rc;
        int role;
        byte[] name;
        SessionSecurity security;
    }

    FakeBmc(String user, String password) throws IOException {
        this.user = user;
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.channel = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.thread = new Thread(this::loop, "fake-bmc");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    int port() throws IOException {
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    String uri() throws IOException {
        return "ipmi://127.0.0.1:" + port();
    }

    private void loop() {
        ByteBuffer buf = ByteBuffer.allocate(2048);
        while (true) {
            try {
                buf.clear();
                SocketAddress from = channel.receive(buf);
                byte[] d = Arrays.copyOf(buf.array(), buf.position());
                handle(from, d);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException | MalformedPacketException | RuntimeException e) {
                // a test BMC drops what it cannot read, like a real one
            }
        }
    }

    private void send(SocketAddress to, byte[] d) throws IOException {
        channel.send(ByteBuffer.wrap(d), to);
    }

    private void handle(SocketAddress from, byte[] d) throws IOException, MalformedPacketException {
        RmcpFrame f = RmcpFrame.decode(d);
        if (f.sessionId() == 0 && f.payloadType() == RmcpFrame.IPMI) {
            presession(from, f.message(true));
        } else if (f.payloadType() == RmcpFrame.OPEN_SESSION_REQUEST) {
            OpenSessionRequest r = OpenSessionRequest.decode(f.payload());
            Session s = new Session();
            s.clientSid = r.consoleSessionId();
            s.bmcSid = Crypto.randomInt() | 1;
            s.suite = CipherSuite.byId(r.auth() == 3 ? 17 : 3).orElseThrow();
            sessions.put(s.bmcSid, s);
            int[] a = answeredAlgorithms != null ? answeredAlgorithms : new int[] {r.auth(), r.integrity(), r.confidentiality()};
            send(from, RmcpFrame.rmcpPlus(RmcpFrame.OPEN_SESSION_RESPONSE,
                    new OpenSessionResponse(r.tag(), 0, 4, s.clientSid, s.bmcSid, a[0], a[1], a[2]).encode()));
        } else if (f.payloadType() == RmcpFrame.RAKP_1) {
            Rakp1 r = Rakp1.decode(f.payload());
            Session s = sessions.get(r.bmcSessionId());
            if (!new String(r.username(), StandardCharsets.UTF_8).equals(user)) {
                send(from, RmcpFrame.rmcpPlus(RmcpFrame.RAKP_2, new Rakp2(r.tag(), 0x0D, s.clientSid, new byte[0], new byte[0],
                        new byte[0]).encode()));
                return;
            }
            s.rm = r.consoleRandom();
            s.rc = Crypto.random(16);
            s.role = r.role();
            s.name = r.username();
            byte[] code = rakp(s).rakp2Code(s.suite.auth(), password);
            send(from, RmcpFrame.rmcpPlus(RmcpFrame.RAKP_2, new Rakp2(r.tag(), 0, s.clientSid, s.rc, guid, code).encode()));
        } else if (f.payloadType() == RmcpFrame.RAKP_3) {
            Rakp34 r = Rakp34.decode(f.payload());
            Session s = sessions.get(r.sessionId());
            if (r.status() != 0 || !Arrays.equals(r.code(), rakp(s).rakp3Code(s.suite.auth(), password))) {
                return;
            }
            byte[] sik = rakp(s).sik(s.suite.auth(), password);
            byte[] icv = rakp(s).rakp4Code(s.suite.auth(), sik);
            if (forgeRakp4) {
                icv[0] ^= 1;
            }
            s.security = new SessionSecurity(s.suite, s.bmcSid, s.clientSid, Rakp.k1(s.suite.auth(), sik), Rakp.k2(s.suite.auth(), sik));
            openSessions.incrementAndGet();
            send(from, RmcpFrame.rmcpPlus(RmcpFrame.RAKP_4, new Rakp34(r.tag(), 0, s.clientSid, icv).encode()));
        } else {
            Session s = sessions.get(f.sessionId());
            if (s == null || s.security == null) {
                return;
            }
            LanMessage m = LanMessage.decode(s.security.open(f), true);
            command(from, s, m);
        }
    }

    private Rakp rakp(Session s) {
        return new Rakp(s.clientSid, s.bmcSid, s.rm, s.rc, guid, s.role, s.name);
    }

    private void presession(SocketAddress from, LanMessage m) throws IOException {
        byte[] body;
        if (m.command() == 0x38) {
            body = Bytes.of(0x00, 0x01, 0x80, 0x04, 0x02, 0, 0, 0, 0);
        } else if (m.command() == 0x54) {
            byte[] records = new byte[0];
            for (int id : offeredSuites) {
                CipherSuite s = CipherSuite.byId(id).orElse(null);
                records = Bytes.concat(records, s == null ? Bytes.of(0xC0, id, 0x00, 0x40, 0x80)
                        : Bytes.of(0xC0, id, s.auth().number, 0x40 | s.integrity().number, 0x80 | s.confidentiality().number));
            }
            int index = m.body()[2] & 0x3F;
            byte[] chunk = Arrays.copyOfRange(records, Math.min(records.length, index * 16), Math.min(records.length, index * 16 + 16));
            body = Bytes.concat(Bytes.of(0x00, 0x01), chunk);
        } else {
            body = Bytes.of(0xC1);
        }
        send(from, RmcpFrame.presession(answer(m, body).encode()));
    }

    private static LanMessage answer(LanMessage m, byte[] body) {
        return new LanMessage(m.sourceAddress(), m.netFn() | 1, m.sourceLun(), m.targetAddress(), m.sequence(), m.targetLun(),
                m.command(), body);
    }

    private void command(SocketAddress from, Session s, LanMessage m) throws IOException {
        commands.add(Bytes.hex8(m.netFn()) + "/" + Bytes.hex8(m.command()));
        if (silentCommands > 0) {
            silentCommands--;
            return;
        }
        byte[] body;
        if (m.netFn() == IpmiRequest.APP && m.command() == 0x3B) {
            body = privilegeAnswer >= 0 ? Bytes.of(privilegeAnswer, m.body()[0]) : Bytes.of(0x00, m.body()[0]);
        } else if (m.netFn() == IpmiRequest.APP && m.command() == 0x3C) {
            closeSessions.incrementAndGet();
            body = Bytes.of(0x00);
        } else if (m.netFn() == IpmiRequest.APP && m.command() == 0x01) {
            body = Bytes.of(0x00, 0x20, 0x01, 0x01, 0x00, 0x02, 0x00, 0, 0, 0, 0, 0);
        } else {
            body = handler.apply(m);
            if (body == null) {
                return;
            }
        }
        byte[] packet = s.security.seal(RmcpFrame.IPMI, answer(m, body).encode());
        if (replayPreviousAnswer && previousAnswer != null) {
            send(from, previousAnswer);
        }
        send(from, packet);
        if (duplicateAnswers) {
            send(from, packet);
        }
        previousAnswer = packet;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
