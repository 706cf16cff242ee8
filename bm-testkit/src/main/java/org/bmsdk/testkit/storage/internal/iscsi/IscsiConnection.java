package org.bmsdk.testkit.storage.internal.iscsi;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.bmsdk.testkit.storage.internal.HostFiles;
import org.bmsdk.testkit.storage.internal.TgtState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to the portal, one session (MaxConnections=1): login, then full feature phase
 * until logout, a protocol error, the initiator closing, or the target's deletion. Runs on a thread
 * of its own; PDUs are handled in the order they come, with writes' data asked for by R2T, one
 * outstanding R2T per command.
 */
final class IscsiConnection implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(IscsiConnection.class);
    private static final int NO_TAG = 0xffffffff;
    private static final int CMD_WINDOW = 32;

    /** A WRITE waiting for its data. */
    private static final class Write {
        final int itt;
        final int lun;
        final byte[] cdb;
        final byte[] buffer;
        final int edtl;
        int requested;
        int received;
        int r2tsn;
        int burstEnd;

        Write(int itt, int lun, byte[] cdb, int length, int edtl) {
            this.itt = itt;
            this.lun = lun;
            this.cdb = cdb;
            this.buffer = new byte[length];
            this.edtl = edtl;
        }
    }

    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final String remote;
    private final java.io.Closeable closer;
    private final TgtState tgt;
    private final HostFiles files;
    private final String portal;
    private final LoginNegotiation login;
    private final Map<Integer, Write> writes = new HashMap<>();
    private OutputStream out;
    private int statSn = 0x1000;
    private int expCmdSn;
    private int nextTtt = 1;
    private boolean fullFeature;
    private ScsiDisk disk;
    private long nexus = -1;

    IscsiConnection(Socket socket, TgtState tgt, HostFiles files, String portal, LoginNegotiation.Targets targets, Random random)
            throws IOException {
        this(socket.getInputStream(), socket.getOutputStream(), socket.getInetAddress().getHostAddress(), socket, tgt, files, portal,
                targets, random);
    }

    /**
     * A connection over any pair of streams (the property tests feed it bytes).
     *
     * @param in what the initiator sends
     * @param out what the target answers
     * @param remote the initiator's address, as the I_T nexus shows it
     * @param closer closes the connection (a target deleted with --force)
     */
    IscsiConnection(InputStream in, OutputStream out, String remote, java.io.Closeable closer, TgtState tgt, HostFiles files,
            String portal, LoginNegotiation.Targets targets, Random random) {
        this.rawIn = in;
        this.rawOut = out;
        this.remote = remote;
        this.closer = closer;
        this.tgt = tgt;
        this.files = files;
        this.portal = portal;
        this.login = new LoginNegotiation(targets, random);
    }

    @Override
    public void run() {
        try (closer) {
            InputStream in = new BufferedInputStream(rawIn);
            out = new BufferedOutputStream(rawOut);
            while (true) {
                Pdu p = Pdu.read(in, LoginNegotiation.OUR_MAX_RECV);
                if (p == null || !handle(p)) {
                    return;
                }
                out.flush();
            }
        } catch (IscsiProtocolException e) {
            LOG.debug("iSCSI connection from {} closed on a protocol error: {}", remote, e.getMessage());
        } catch (IOException e) {
            LOG.debug("iSCSI connection from {} ended: {}", remote, e.toString());
        } finally {
            if (nexus >= 0) {
                tgt.removeNexus(nexus);
            }
        }
    }

    /** @return false to close the connection */
    private boolean handle(Pdu p) throws IOException, IscsiProtocolException {
        if (!fullFeature) {
            if (p.opcode() != Pdu.LOGIN) {
                throw new IscsiProtocolException("opcode " + p.opcode() + " before the login completed");
            }
            return login(p);
        }
        int cmdSn = p.u32(24);
        if (!p.immediate() && p.opcode() != Pdu.DATA_OUT && p.opcode() != Pdu.SNACK) {
            expCmdSn = cmdSn + 1;
        }
        switch (p.opcode()) {
            case Pdu.NOP_OUT -> {
                if (p.itt() != NO_TAG) {
                    send(response(Pdu.NOP_IN).lun(p.lun()).itt(p.itt()).put32(20, NO_TAG).put32(24, statSn++).withData(p.data()));
                }
            }
            case Pdu.SCSI_COMMAND -> {
                if (disk == null) {
                    reject(p, 0x04);
                } else {
                    command(p);
                }
            }
            case Pdu.DATA_OUT -> dataOut(p);
            case Pdu.TEXT -> text(p);
            case Pdu.TASK_MGMT -> send(response(Pdu.TASK_MGMT_RESPONSE).itt(p.itt()).put32(24, statSn++));
            case Pdu.LOGOUT -> {
                send(response(Pdu.LOGOUT_RESPONSE).itt(p.itt()).put32(24, statSn++));
                out.flush();
                return false;
            }
            default -> reject(p, 0x04);
        }
        return true;
    }

    // ---- login

    private boolean login(Pdu p) throws IOException, IscsiProtocolException {
        int f = p.flags();
        boolean transit = (f & 0x80) != 0;
        boolean more = (f & 0x40) != 0;
        if (transit && more) {
            throw new IscsiProtocolException("a login request with both T and C set");
        }
        if (p.u16(14) != 0) {
            // adding a connection to an existing session: MaxConnections=1 here
            Pdu r = loginResponse(p, new LoginNegotiation.Reply(0x020a, false, (f >> 2) & 3, 0, Map.of()), 0);
            send(r);
            out.flush();
            return false;
        }
        if (expCmdSn == 0) {
            expCmdSn = p.u32(24);
        }
        LoginNegotiation.Reply reply = login.step(new LoginNegotiation.Request(transit, more, (f >> 2) & 3, f & 3,
                TextKeys.parse(p.data())));
        int tsih = 0;
        if (!reply.failed() && login.fullFeature()) {
            tsih = 1 + new java.security.SecureRandom().nextInt(0xfffe);
            fullFeature = true;
            Optional<TgtState.TargetView> t = login.target();
            if (t.isPresent()) {
                Optional<Long> id = tgt.addNexus(t.get().name(), login.initiator(), remote,
                        this::kill);
                if (id.isEmpty()) {
                    reply = new LoginNegotiation.Reply(LoginNegotiation.NOT_FOUND, false, reply.csg(), 0, Map.of());
                    fullFeature = false;
                } else {
                    nexus = id.get();
                    disk = new ScsiDisk(t.get(), files);
                }
            }
        }
        send(loginResponse(p, reply, tsih));
        if (reply.failed()) {
            out.flush();
            LOG.debug("iSCSI login of {} refused with status 0x{}", login.initiator(), Integer.toHexString(reply.status()));
            return false;
        }
        return true;
    }

    private Pdu loginResponse(Pdu req, LoginNegotiation.Reply reply, int tsih) {
        int flags = (reply.transit() ? 0x80 : 0) | (reply.csg() << 2) | (reply.transit() ? reply.nsg() : 0);
        return response(Pdu.LOGIN_RESPONSE).flags(flags).put8(2, 0).put8(3, 0).put(8, req.bytes(8, 6)).put16(14, tsih)
                .itt(req.itt()).put32(24, statSn++).put8(36, reply.status() >> 8).put8(37, reply.status() & 0xff)
                .withData(TextKeys.encode(reply.keys()));
    }

    /** Drops the connection at once: the target was deleted with --force. */
    private void kill() {
        try {
            closer.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    // ---- full feature phase

    private Pdu response(int opcode) {
        Pdu r = Pdu.of(opcode).flags(0x80);
        r.put32(28, expCmdSn).put32(32, expCmdSn + CMD_WINDOW - 1);
        return r;
    }

    private void send(Pdu p) throws IOException {
        p.writeTo(out);
    }

    private void reject(Pdu p, int reason) throws IOException {
        send(response(Pdu.REJECT).put8(2, reason).itt(NO_TAG).put32(24, statSn++).withData(p.header()));
    }

    private void command(Pdu p) throws IOException {
        byte[] cdb = p.bytes(32, 16);
        int edtl = p.u32(20);
        boolean write = (p.flags() & 0x20) != 0;
        int need = disk.dataOutLength(p.lun(), cdb);
        if (write && need > 0 && need == edtl) {
            Write w = new Write(p.itt(), p.lun(), cdb, need, edtl);
            byte[] immediate = p.data();
            System.arraycopy(immediate, 0, w.buffer, 0, Math.min(immediate.length, need));
            w.received = Math.min(immediate.length, need);
            w.requested = w.received;
            if (w.received == need) {
                finish(w);
                return;
            }
            int ttt = nextTtt++ & 0x7fffffff;
            writes.put(ttt, w);
            r2t(ttt, w);
            return;
        }
        ScsiDisk.Outcome o = need != edtl && need > 0
                ? ScsiDisk.Outcome.check(0x05, 0x24, 0x00) : disk.run(p.lun(), cdb, new byte[0]);
        respond(p.itt(), p.lun(), edtl, (p.flags() & 0x40) != 0, o);
    }

    private void r2t(int ttt, Write w) throws IOException {
        int length = Math.min(login.maxBurst(), w.buffer.length - w.requested);
        w.burstEnd = w.requested + length;
        send(response(Pdu.R2T).lun(w.lun).itt(w.itt).put32(20, ttt).put32(24, statSn).put32(36, w.r2tsn++)
                .put32(40, w.requested).put32(44, length));
        w.requested += length;
    }

    private void dataOut(Pdu p) throws IOException, IscsiProtocolException {
        Write w = writes.get(p.u32(20));
        if (w == null || w.itt != p.itt()) {
            throw new IscsiProtocolException("Data-Out for no R2T");
        }
        int offset = p.u32(40);
        byte[] d = p.data();
        if (offset < 0 || offset + d.length > w.burstEnd) {
            throw new IscsiProtocolException("Data-Out outside the R2T's range");
        }
        System.arraycopy(d, 0, w.buffer, offset, d.length);
        w.received += d.length;
        if (!p.isFinal()) {
            return;
        }
        if (w.requested < w.buffer.length) {
            r2t(p.u32(20), w);
            return;
        }
        writes.remove(p.u32(20));
        finish(w);
    }

    private void finish(Write w) throws IOException {
        ScsiDisk.Outcome o = w.received == w.buffer.length ? disk.run(w.lun, w.cdb, w.buffer)
                : ScsiDisk.Outcome.check(0x0b, 0x0c, 0x0d);
        respond(w.itt, w.lun, w.edtl, false, o);
    }

    private void respond(int itt, int lun, int edtl, boolean read, ScsiDisk.Outcome o) throws IOException {
        byte[] data = o.dataIn();
        if (o.status() == ScsiDisk.GOOD && read && data.length > 0 && edtl > 0) {
            int total = Math.min(data.length, edtl);
            int maxSeg = login.peerMaxRecv();
            int burst = login.maxBurst();
            int dataSn = 0;
            int offset = 0;
            while (offset < total) {
                int inBurst = burst - offset % burst;
                int len = Math.min(Math.min(maxSeg, inBurst), total - offset);
                boolean last = offset + len == total;
                boolean endOfBurst = last || (offset + len) % burst == 0;
                Pdu d = response(Pdu.DATA_IN).flags(endOfBurst ? 0x80 : 0).lun(lun).itt(itt).put32(20, NO_TAG)
                        .put32(36, dataSn++).put32(40, offset).withData(java.util.Arrays.copyOfRange(data, offset, offset + len));
                if (last) {
                    int flags = 0x80 | 0x01;
                    int residual = 0;
                    if (data.length > edtl) {
                        flags |= 0x04;
                        residual = data.length - edtl;
                    } else if (data.length < edtl) {
                        flags |= 0x02;
                        residual = edtl - data.length;
                    }
                    d.flags(flags).put8(3, ScsiDisk.GOOD).put32(24, statSn++).put32(44, residual);
                }
                send(d);
                offset += len;
            }
            return;
        }
        Pdu r = response(Pdu.SCSI_RESPONSE).put8(2, 0).put8(3, o.status()).itt(itt).put32(24, statSn++);
        int moved = read ? 0 : o.status() == ScsiDisk.GOOD ? edtl : 0;
        if (edtl > moved) {
            r.flags(0x80 | 0x02).put32(44, edtl - moved);
        }
        if (o.sense().length > 0) {
            byte[] s = new byte[2 + o.sense().length];
            s[0] = (byte) (o.sense().length >> 8);
            s[1] = (byte) o.sense().length;
            System.arraycopy(o.sense(), 0, s, 2, o.sense().length);
            r = r.withData(s);
        }
        send(r);
    }

    private void text(Pdu p) throws IOException, IscsiProtocolException {
        Map<String, String> keys = TextKeys.parse(p.data());
        StringBuilder listing = new StringBuilder();
        Map<String, String> other = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : keys.entrySet()) {
            if (!e.getKey().equals("SendTargets")) {
                other.put(e.getKey(), "NotUnderstood");
                continue;
            }
            String v = e.getValue();
            List<TgtState.TargetView> all = tgt.views();
            for (TgtState.TargetView t : all) {
                boolean wanted = v.equals("All") ? login.discovery() || login.target().map(c -> c.name().equals(t.name())).orElse(false)
                        : v.isEmpty() ? login.target().map(c -> c.name().equals(t.name())).orElse(false) : v.equals(t.name());
                if (wanted && t.allows(login.initiator())) {
                    listing.append("TargetName=").append(t.name()).append('\0');
                    listing.append("TargetAddress=").append(portal).append(",1").append('\0');
                }
            }
        }
        byte[] body = listing.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] rest = TextKeys.encode(other);
        byte[] data = java.util.Arrays.copyOf(body, body.length + rest.length);
        System.arraycopy(rest, 0, data, body.length, rest.length);
        send(response(Pdu.TEXT_RESPONSE).itt(p.itt()).put32(20, NO_TAG).put32(24, statSn++).withData(data));
    }
}
