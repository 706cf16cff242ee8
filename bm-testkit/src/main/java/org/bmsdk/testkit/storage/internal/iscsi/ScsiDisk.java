package org.bmsdk.testkit.storage.internal.iscsi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.bmsdk.testkit.storage.internal.HostFiles;
import org.bmsdk.testkit.storage.internal.TgtState;
import org.bmsdk.testkit.storage.internal.TgtState.Lun;

/**
 * The SCSI side of one target, as tgt presents it: LUN 0 a controller (peripheral type 0x0c),
 * each other LUN a disk of 512-byte blocks backed by a host file. Commands: INQUIRY (standard and
 * VPD pages 0x00, 0x80, 0x83), TEST UNIT READY, REQUEST SENSE, READ CAPACITY (10) and (16), REPORT
 * LUNS, MODE SENSE (6) and (10), READ, WRITE and SYNCHRONIZE CACHE (10) and (16). Anything else is
 * CHECK CONDITION, ILLEGAL REQUEST, INVALID COMMAND OPERATION CODE, with fixed-format sense data.
 */
public final class ScsiDisk {

    /** The block size of every disk LUN, as tgt's default. */
    public static final int BLOCK = 512;
    /** The most data one READ or WRITE may move: 32 MiB. */
    public static final int MAX_TRANSFER = 32 << 20;

    static final int GOOD = 0x00;
    static final int CHECK_CONDITION = 0x02;

    private static final int ILLEGAL_REQUEST = 0x05;
    private static final int MEDIUM_ERROR = 0x03;

    /**
     * The result of a command.
     *
     * @param status SCSI status
     * @param dataIn data for the initiator, or an empty array
     * @param sense sense data when status is CHECK CONDITION, else empty
     */
    public record Outcome(int status, byte[] dataIn, byte[] sense) {
        static Outcome good(byte[] data) {
            return new Outcome(GOOD, data, new byte[0]);
        }

        static Outcome check(int key, int asc, int ascq) {
            byte[] s = new byte[18];
            s[0] = 0x70;
            s[2] = (byte) key;
            s[7] = 10;
            s[12] = (byte) asc;
            s[13] = (byte) ascq;
            return new Outcome(CHECK_CONDITION, new byte[0], s);
        }
    }

    private final TgtState.TargetView target;
    private final HostFiles files;

    /**
     * A target's LUNs.
     *
     * @param target the target, as it was at login
     * @param files where the backing files are
     */
    public ScsiDisk(TgtState.TargetView target, HostFiles files) {
        this.target = target;
        this.files = files;
    }

    private Optional<Lun> lun(int n) {
        if (n == 0) {
            // tgt's controller LUN, present in every target
            return Optional.of(new Lun(0, "", 0));
        }
        return target.luns().stream().filter(l -> l.lun() == n).findFirst();
    }

    /**
     * How many bytes of Data-Out a command needs, for R2T: a WRITE's blocks; 0 for anything else
     * or a WRITE that {@link #run} will refuse.
     */
    public int dataOutLength(int lun, byte[] cdb) {
        if (cdb.length == 0 || lun == 0 || lun(lun).isEmpty()) {
            return 0;
        }
        long blocks = switch (cdb[0] & 0xff) {
            case 0x2a -> u16(cdb, 7);
            case 0x8a -> u32(cdb, 10);
            default -> 0;
        };
        long bytes = blocks * BLOCK;
        return bytes > MAX_TRANSFER ? 0 : (int) bytes;
    }

    /**
     * Runs a command.
     *
     * @param lun the LUN
     * @param cdb the command descriptor block (16 bytes from the PDU)
     * @param dataOut the data a WRITE carries ({@link #dataOutLength} bytes)
     * @return the outcome
     */
    public Outcome run(int lun, byte[] cdb, byte[] dataOut) {
        int op = cdb[0] & 0xff;
        if (op == 0x12) {
            return inquiry(lun, cdb);
        }
        if (op == 0xa0) {
            return reportLuns(cdb);
        }
        if (op == 0x03) {
            byte[] s = new byte[18];
            s[0] = 0x70;
            s[7] = 10;
            return Outcome.good(cut(s, cdb[4] & 0xff));
        }
        Optional<Lun> l = lun(lun);
        if (l.isEmpty()) {
            return Outcome.check(ILLEGAL_REQUEST, 0x25, 0x00);
        }
        if (lun == 0 && op != 0x00) {
            return Outcome.check(ILLEGAL_REQUEST, 0x20, 0x00);
        }
        long blocks = l.get().size() / BLOCK;
        try {
            return switch (op) {
                case 0x00 -> Outcome.good(new byte[0]);
                case 0x25 -> {
                    ByteBuffer b = ByteBuffer.allocate(8);
                    b.putInt((int) Math.min(blocks - 1, 0xffffffffL)).putInt(BLOCK);
                    yield Outcome.good(b.array());
                }
                case 0x9e -> {
                    if ((cdb[1] & 0x1f) != 0x10) {
                        yield Outcome.check(ILLEGAL_REQUEST, 0x24, 0x00);
                    }
                    ByteBuffer b = ByteBuffer.allocate(32);
                    b.putLong(blocks - 1).putInt(BLOCK);
                    yield Outcome.good(cut(b.array(), u32(cdb, 10)));
                }
                case 0x1a -> modeSense(cdb, blocks, false);
                case 0x5a -> modeSense(cdb, blocks, true);
                case 0x28 -> read(l.get(), u32(cdb, 2), u16(cdb, 7));
                case 0x88 -> read(l.get(), u64(cdb, 2), u32(cdb, 10));
                case 0x2a -> write(l.get(), u32(cdb, 2), u16(cdb, 7), dataOut);
                case 0x8a -> write(l.get(), u64(cdb, 2), u32(cdb, 10), dataOut);
                case 0x35, 0x91 -> {
                    files.open(l.get().path()).sync();
                    yield Outcome.good(new byte[0]);
                }
                default -> Outcome.check(ILLEGAL_REQUEST, 0x20, 0x00);
            };
        } catch (IOException e) {
            // the backing file is gone or unreadable: an unrecovered read error, as tgt's rdwr reports
            return Outcome.check(MEDIUM_ERROR, 0x11, 0x00);
        }
    }

    private Outcome read(Lun l, long lba, long count) throws IOException {
        Outcome bad = range(l, lba, count);
        if (bad != null) {
            return bad;
        }
        byte[] data = new byte[(int) (count * BLOCK)];
        files.open(l.path()).read(lba * BLOCK, data);
        return Outcome.good(data);
    }

    private Outcome write(Lun l, long lba, long count, byte[] data) throws IOException {
        Outcome bad = range(l, lba, count);
        if (bad != null) {
            return bad;
        }
        if (data.length != count * BLOCK) {
            return Outcome.check(ILLEGAL_REQUEST, 0x24, 0x00);
        }
        files.open(l.path()).write(lba * BLOCK, data);
        return Outcome.good(new byte[0]);
    }

    private static Outcome range(Lun l, long lba, long count) {
        long blocks = l.size() / BLOCK;
        if (lba < 0 || count < 0 || lba > blocks || count > blocks - lba) {
            return Outcome.check(ILLEGAL_REQUEST, 0x21, 0x00);
        }
        if (count * BLOCK > MAX_TRANSFER) {
            return Outcome.check(ILLEGAL_REQUEST, 0x24, 0x00);
        }
        return null;
    }

    private Outcome inquiry(int lun, byte[] cdb) {
        int alloc = u16(cdb, 3);
        boolean evpd = (cdb[1] & 1) != 0;
        int page = cdb[2] & 0xff;
        Optional<Lun> l = lun(lun);
        int type = l.isEmpty() ? 0x7f : lun == 0 ? 0x0c : 0x00;
        if (!evpd) {
            if (page != 0) {
                return Outcome.check(ILLEGAL_REQUEST, 0x24, 0x00);
            }
            byte[] d = new byte[36];
            d[0] = (byte) type;
            d[2] = 0x05;
            d[3] = 0x12;
            d[4] = 31;
            d[7] = 0x02;
            ascii(d, 8, "IET", 8);
            ascii(d, 16, lun == 0 ? "Controller" : "VIRTUAL-DISK", 16);
            ascii(d, 32, "0001", 4);
            return Outcome.good(cut(d, alloc));
        }
        if (l.isEmpty()) {
            return Outcome.check(ILLEGAL_REQUEST, 0x25, 0x00);
        }
        byte[] body = switch (page) {
            case 0x00 -> new byte[] {0x00, (byte) 0x80, (byte) 0x83};
            case 0x80 -> TgtState.serial(target.tid(), lun).getBytes(StandardCharsets.US_ASCII);
            case 0x83 -> designators(lun);
            default -> null;
        };
        if (body == null) {
            return Outcome.check(ILLEGAL_REQUEST, 0x24, 0x00);
        }
        byte[] d = new byte[4 + body.length];
        d[0] = (byte) type;
        d[1] = (byte) page;
        d[2] = (byte) (body.length >> 8);
        d[3] = (byte) body.length;
        System.arraycopy(body, 0, d, 4, body.length);
        return Outcome.good(cut(d, alloc));
    }

    /** A T10 vendor designator (tgt's SCSI ID) and an NAA locally assigned one, both of the LU. */
    private byte[] designators(int lun) {
        byte[] t10 = ("IET     " + TgtState.scsiId(target.tid(), lun).substring(8)).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(4 + t10.length + 4 + 8);
        b.put((byte) 0x02).put((byte) 0x01).put((byte) 0).put((byte) t10.length).put(t10);
        // NAA 3 (locally assigned): 60 bits made of the target id and LUN
        b.put((byte) 0x01).put((byte) 0x03).put((byte) 0).put((byte) 8);
        b.putLong(0x3000_0000_0000_0000L | ((long) target.tid() << 16) | lun);
        return b.array();
    }

    private Outcome reportLuns(byte[] cdb) {
        int alloc = (int) Math.min(u32(cdb, 6), Integer.MAX_VALUE);
        List<Integer> all = new java.util.ArrayList<>();
        all.add(0);
        target.luns().forEach(l -> all.add(l.lun()));
        ByteBuffer b = ByteBuffer.allocate(8 + 8 * all.size());
        b.putInt(8 * all.size()).putInt(0);
        for (int n : all) {
            b.put((byte) ((n >> 8) & 0x3f)).put((byte) n).putShort((short) 0).putInt(0);
        }
        return Outcome.good(cut(b.array(), alloc));
    }

    private static Outcome modeSense(byte[] cdb, long blocks, boolean ten) {
        boolean dbd = (cdb[1] & 0x08) != 0;
        int page = cdb[2] & 0x3f;
        int alloc = ten ? u16(cdb, 7) : cdb[4] & 0xff;
        java.io.ByteArrayOutputStream pages = new java.io.ByteArrayOutputStream();
        if (page == 0x08 || page == 0x3f) {
            byte[] caching = new byte[20];
            caching[0] = 0x08;
            caching[1] = 18;
            caching[2] = 0x04; // WCE: a write-back cache, as tgt's rdwr store reports
            pages.writeBytes(caching);
        }
        if (page == 0x0a || page == 0x3f) {
            byte[] control = new byte[12];
            control[0] = 0x0a;
            control[1] = 10;
            pages.writeBytes(control);
        }
        if (pages.size() == 0 && page != 0x00) {
            return Outcome.check(ILLEGAL_REQUEST, 0x24, 0x00);
        }
        byte[] descriptor = new byte[0];
        if (!dbd) {
            ByteBuffer d = ByteBuffer.allocate(8);
            d.putInt((int) Math.min(blocks, 0xffffffffL)).putInt(BLOCK);
            descriptor = d.array();
        }
        int header = ten ? 8 : 4;
        ByteBuffer out = ByteBuffer.allocate(header + descriptor.length + pages.size());
        if (ten) {
            out.putShort((short) (out.capacity() - 2)).put((byte) 0).put((byte) 0).putShort((short) 0)
                    .putShort((short) descriptor.length);
        } else {
            out.put((byte) (out.capacity() - 1)).put((byte) 0).put((byte) 0).put((byte) descriptor.length);
        }
        out.put(descriptor).put(pages.toByteArray());
        return Outcome.good(cut(out.array(), alloc));
    }

    private static void ascii(byte[] d, int at, String s, int width) {
        byte[] b = String.format("%-" + width + "s", s).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(b, 0, d, at, width);
    }

    private static byte[] cut(byte[] d, long alloc) {
        return alloc >= d.length ? d : java.util.Arrays.copyOf(d, (int) alloc);
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    static long u64(byte[] b, int i) {
        return (u32(b, i) << 32) | u32(b, i + 4);
    }
}
