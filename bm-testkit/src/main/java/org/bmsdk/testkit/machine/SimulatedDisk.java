package org.bmsdk.testkit.machine;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * A disk's contents, held sparsely in memory: 64 KiB blocks are allocated only when written, and
 * unwritten ones read as the spec's {@link DiskContents}. A 1 TB disk therefore costs nothing until
 * a test writes to it. Reads and writes work whether the machine is on or off, as they do for the
 * ramdisk, a backup agent or a storage target reaching the disk. Thread-safe.
 */
public final class SimulatedDisk {

    /** The size of an allocation block. */
    public static final int BLOCK_SIZE = 64 * 1024;

    private final DiskSpec spec;
    private final Map<Long, byte[]> blocks = new HashMap<>();
    private DiskContents base;

    SimulatedDisk(DiskSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.base = spec.initialContents();
    }

    /** @return what the disk was built from */
    public DiskSpec spec() {
        return spec;
    }

    /** @return the disk's name */
    public String name() {
        return spec.name();
    }

    /** @return capacity in bytes */
    public long sizeBytes() {
        return spec.sizeBytes();
    }

    /**
     * Reads bytes.
     *
     * @param offset where to start, from the start of the disk
     * @param length how many, within the disk
     * @return the bytes
     */
    public byte[] read(long offset, int length) {
        byte[] out = new byte[length];
        read(offset, out, 0, length);
        return out;
    }

    /**
     * Reads bytes into a buffer.
     *
     * @param offset where to start, from the start of the disk
     * @param dst where to put them
     * @param dstOffset where to start in {@code dst}
     * @param length how many, within the disk
     */
    public synchronized void read(long offset, byte[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        checkRange(offset, length);
        int done = 0;
        while (done < length) {
            long pos = offset + done;
            long index = pos / BLOCK_SIZE;
            int within = (int) (pos % BLOCK_SIZE);
            int n = Math.min(length - done, BLOCK_SIZE - within);
            byte[] block = blocks.get(index);
            if (block != null) {
                System.arraycopy(block, within, dst, dstOffset + done, n);
            } else {
                fillFromBase(pos, dst, dstOffset + done, n);
            }
            done += n;
        }
    }

    /**
     * Writes bytes.
     *
     * @param offset where to start, from the start of the disk
     * @param data the bytes, within the disk
     */
    public void write(long offset, byte[] data) {
        write(offset, data, 0, data.length);
    }

    /**
     * Writes bytes from a buffer.
     *
     * @param offset where to start, from the start of the disk
     * @param src where to take them from
     * @param srcOffset where to start in {@code src}
     * @param length how many, within the disk
     */
    public synchronized void write(long offset, byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        checkRange(offset, length);
        int done = 0;
        while (done < length) {
            long pos = offset + done;
            long index = pos / BLOCK_SIZE;
            int within = (int) (pos % BLOCK_SIZE);
            int n = Math.min(length - done, BLOCK_SIZE - within);
            byte[] block = blocks.computeIfAbsent(index, this::materialise);
            System.arraycopy(src, srcOffset + done, block, within, n);
            done += n;
        }
    }

    /**
     * Erases the whole disk at once, as an ATA Secure Erase or NVMe Format does: it then reads as
     * zeros everywhere and holds no memory.
     */
    public synchronized void secureErase() {
        blocks.clear();
        base = DiskContents.zeros();
    }

    /**
     * Whether every byte is zero, checked without reading unwritten blocks, so it is cheap on a
     * large disk: what cleaning verification asks.
     *
     * @return true when the disk reads as zeros everywhere
     */
    public synchronized boolean isZeroed() {
        if (base != DiskContents.zeros()) {
            return false;
        }
        for (byte[] block : blocks.values()) {
            for (byte b : block) {
                if (b != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Overwrites a range with zeros, as {@code dd if=/dev/zero} does, without streaming the zeros:
     * a range that covers the whole disk leaves it as {@link #secureErase()} does, holding no memory.
     *
     * @param offset where to start
     * @param length how many bytes, within the disk
     */
    public synchronized void zero(long offset, long length) {
        checkRange(offset, length);
        if (offset == 0 && length == sizeBytes()) {
            secureErase();
            return;
        }
        byte[] zeros = new byte[BLOCK_SIZE];
        for (long done = 0; done < length; ) {
            long pos = offset + done;
            int n = (int) Math.min(length - done, BLOCK_SIZE - pos % BLOCK_SIZE);
            write(pos, zeros, 0, n);
            done += n;
        }
    }

    /**
     * Where the first non-zero byte of a range is, which is what {@code cmp DEV /dev/zero} reports.
     * Unwritten blocks of a blank disk are skipped without reading, so this is cheap on a large,
     * mostly blank disk.
     *
     * @param offset where to start
     * @param length how many bytes, within the disk
     * @return the offset of the first non-zero byte, or empty when the range is all zeros
     */
    public synchronized java.util.OptionalLong firstNonZero(long offset, long length) {
        checkRange(offset, length);
        byte[] buf = new byte[BLOCK_SIZE];
        long end = offset + length;
        long pos = offset;
        long[] written = blocks.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        while (pos < end) {
            long index = pos / BLOCK_SIZE;
            int within = (int) (pos % BLOCK_SIZE);
            int n = (int) Math.min(end - pos, BLOCK_SIZE - within);
            byte[] block = blocks.get(index);
            if (block == null && base == DiskContents.zeros()) {
                // Jump to the next written block, if any lies in the range.
                int at = java.util.Arrays.binarySearch(written, index + 1);
                int insertion = at >= 0 ? at : -at - 1;
                long next = insertion < written.length ? written[insertion] : Long.MAX_VALUE;
                if (next == Long.MAX_VALUE || next >= (end + BLOCK_SIZE - 1) / BLOCK_SIZE) {
                    return java.util.OptionalLong.empty();
                }
                pos = next * BLOCK_SIZE;
                continue;
            }
            byte[] src = block;
            int from = within;
            if (src == null) {
                fillFromBase(pos, buf, 0, n);
                src = buf;
                from = 0;
            }
            for (int i = 0; i < n; i++) {
                if (src[from + i] != 0) {
                    return java.util.OptionalLong.of(pos + i);
                }
            }
            pos += n;
        }
        return java.util.OptionalLong.empty();
    }

    /** @return the memory the written blocks take, in bytes */
    public synchronized long allocatedBytes() {
        return (long) blocks.size() * BLOCK_SIZE;
    }

    /**
     * The SHA-256 of a range, in lower-case hex. It reads every byte of the range, unwritten or
     * not, so on a large disk hash ranges rather than the whole of it.
     *
     * @param offset where to start
     * @param length how many bytes, within the disk
     * @return the hash
     */
    public String sha256(long offset, long length) {
        checkRange(offset, length);
        MessageDigest digest = sha256Digest();
        byte[] buf = new byte[BLOCK_SIZE];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(buf.length, length - done);
            read(offset + done, buf, 0, n);
            digest.update(buf, 0, n);
            done += n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The SHA-256 of the whole disk, in lower-case hex; see {@link #sha256(long, long)} for its cost.
     *
     * @return the hash
     */
    public String sha256() {
        return sha256(0, sizeBytes());
    }

    @Override
    public String toString() {
        return "SimulatedDisk[" + spec.name() + ", " + spec.sizeBytes() + " bytes]";
    }

    private byte[] materialise(long index) {
        byte[] block = new byte[BLOCK_SIZE];
        long start = index * BLOCK_SIZE;
        int n = (int) Math.min(BLOCK_SIZE, sizeBytes() - start);
        fillFromBase(start, block, 0, n);
        return block;
    }

    private void fillFromBase(long pos, byte[] dst, int off, int len) {
        if (base instanceof DiskContents.Pattern p) {
            for (int i = 0; i < len; ) {
                long at = pos + i;
                long word = p.word(at >>> 3);
                // Spend one hash per 8-byte word rather than one per byte.
                for (int shift = (int) (at & 7); shift < 8 && i < len; shift++, i++) {
                    dst[off + i] = (byte) (word >>> (shift * 8));
                }
            }
        } else {
            java.util.Arrays.fill(dst, off, off + len, (byte) 0);
        }
    }

    private void checkRange(long offset, long length) {
        if (offset < 0 || length < 0 || offset > sizeBytes() - length) {
            throw new IndexOutOfBoundsException("disk " + spec.name() + " has " + sizeBytes()
                    + " bytes, but the range was offset " + offset + ", length " + length);
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
