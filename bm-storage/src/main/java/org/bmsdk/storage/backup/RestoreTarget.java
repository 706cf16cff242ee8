package org.bmsdk.storage.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import org.bmsdk.storage.backup.internal.ChannelOutput;
import org.bmsdk.storage.backup.internal.SparseFileOutput;

/** Where a snapshot is written back, from start to end as a stream. */
public interface RestoreTarget {

    /** @return where it goes, for messages (never with credentials) */
    String describe();

    /**
     * Opens the target for an image of a given length; closing the stream must make the data
     * durable (on disk, or acknowledged by the far end).
     *
     * @param size the image's length
     * @return the stream
     * @throws IOException when it cannot be opened, or is too small
     */
    OutputStream open(long size) throws IOException;

    /**
     * A local file (created or replaced) or block device (written from its start; it must be at
     * least as large as the image). A file is written sparse: blocks of zeros (4 KiB, aligned) are
     * left as holes, which read as zeros and take no space, as a disk image's unused areas should.
     * A device is written whole, since its old content must be overwritten.
     *
     * @param path the file or device
     * @return the target
     */
    static RestoreTarget path(Path path) {
        Objects.requireNonNull(path, "path");
        return new RestoreTarget() {
            @Override
            public String describe() {
                return path.toAbsolutePath().toString();
            }

            @Override
            public OutputStream open(long size) throws IOException {
                boolean device = Files.exists(path) && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isSymbolicLink(path);
                FileChannel channel = device
                        ? FileChannel.open(path, StandardOpenOption.WRITE)
                        : FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                                StandardOpenOption.TRUNCATE_EXISTING);
                if (device && channel.size() < size) {
                    long have = channel.size();
                    channel.close();
                    throw new IOException(path + " holds " + have + " bytes, too few for an image of " + size);
                }
                return device ? new ChannelOutput(channel) : new SparseFileOutput(channel);
            }
        };
    }
}
