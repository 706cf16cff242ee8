package org.bmsdk.storage.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.ssh.ExecResult;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.ssh.SshProcess;

/**
 * A node's disk over SSH, as its service ramdisk offers it: read with {@code cat}, written back with
 * {@code dd conv=fsync}, on a connection whose host key was verified. Nothing but the device path is
 * sent to the shell, and the path must be a plain absolute path.
 *
 * <p>A command that fails (a missing device, no permission) or a connection that breaks half-way is
 * an {@link IOException} on the stream, never a short image taken for a whole one: the end of the
 * stream counts only when the command exited with status 0.
 */
public final class SshDisk {

    private static final Pattern DEVICE = Pattern.compile("/[A-Za-z0-9._+:/-]+");
    private static final Duration END = Duration.ofMinutes(5);

    private SshDisk() {
    }

    /**
     * A disk to back up.
     *
     * @param connection the node's SSH connection (the caller closes it)
     * @param device the device or image file on the node, such as {@code /dev/sda}
     * @return the source
     */
    public static BackupSource source(SshConnection connection, String device) {
        check(connection, device);
        String where = connection.endpoint() + device;
        return new BackupSource() {
            @Override
            public String describe() {
                return where;
            }

            @Override
            public OptionalLong size() {
                try {
                    ExecResult r = connection.exec("blockdev --getsize64 " + device + " 2>/dev/null || stat -L -c %s " + device);
                    return r.isSuccess() ? OptionalLong.of(Long.parseLong(r.stdout().strip())) : OptionalLong.empty();
                } catch (BareMetalException | NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }

            @Override
            public InputStream open() throws IOException {
                return new CommandInput(start(connection, "cat " + device), "cat " + where);
            }
        };
    }

    /**
     * A disk to restore to; it must be at least as large as the image when it is a device.
     *
     * @param connection the node's SSH connection (the caller closes it)
     * @param device the device or image file on the node, such as {@code /dev/sda}
     * @return the target
     */
    public static RestoreTarget target(SshConnection connection, String device) {
        check(connection, device);
        String where = connection.endpoint() + device;
        return new RestoreTarget() {
            @Override
            public String describe() {
                return where;
            }

            @Override
            public OutputStream open(long size) throws IOException {
                return new CommandOutput(start(connection, "dd of=" + device + " bs=4M conv=fsync status=none"), "dd of=" + where);
            }
        };
    }

    private static void check(SshConnection connection, String device) {
        Objects.requireNonNull(connection, "connection");
        if (device == null || !DEVICE.matcher(device).matches() || device.contains("..")) {
            throw new IllegalArgumentException("device must be an absolute path of letters, digits and ._+:/-, but was '"
                    + device + "'");
        }
    }

    private static SshProcess start(SshConnection connection, String command) throws IOException {
        try {
            return connection.start(command);
        } catch (BareMetalException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** How a command ended, as an IOException unless it exited 0. */
    private static void checkEnd(SshProcess process, String what) throws IOException {
        int status;
        try {
            status = process.waitFor(END);
        } catch (BareMetalException e) {
            throw new IOException(what + " did not end cleanly: " + e.getMessage(), e);
        }
        if (status != 0) {
            throw new IOException(what + " exited with status " + status + ": " + process.stderr().strip());
        }
    }

    /** The output of {@code cat}: its end counts only when the command exited 0. */
    private static final class CommandInput extends InputStream {
        private final SshProcess process;
        private final String what;
        private boolean ended;

        CommandInput(SshProcess process, String what) {
            this.process = process;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            int n = process.stdout().read(b, off, len);
            if (n < 0) {
                checkEnd(process, what);
                ended = true;
            }
            return n;
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /** The input of {@code dd}: closing it waits for dd to write, flush and exit 0. */
    private static final class CommandOutput extends OutputStream {
        private final SshProcess process;
        private final String what;
        private boolean closed;

        CommandOutput(SshProcess process, String what) {
            this.process = process;
            this.what = what;
        }

        @Override
        public void write(int b) throws IOException {
            process.stdin().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            process.stdin().write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                process.stdin().flush();
                process.stdin().close();
                checkEnd(process, what);
            } finally {
                process.close();
            }
        }
    }
}
