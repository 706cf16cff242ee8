package org.bmsdk.storage.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.OptionalLong;

/** A disk to back up, read once from start to end as a stream. */
public interface BackupSource {

    /** @return what is read, for the manifest and messages (never with credentials) */
    String describe();

    /** @return the number of bytes the stream will give, when known (for progress only) */
    OptionalLong size();

    /**
     * Opens the stream; the engine closes it.
     *
     * @return the disk's bytes
     * @throws IOException when it cannot be opened
     */
    InputStream open() throws IOException;

    /**
     * A local file or block device.
     *
     * @param path the file or device, such as {@code /dev/sda} or a disk image
     * @return the source
     */
    static BackupSource path(Path path) {
        Objects.requireNonNull(path, "path");
        return new BackupSource() {
            @Override
            public String describe() {
                return path.toAbsolutePath().toString();
            }

            @Override
            public OptionalLong size() {
                // FileChannel.size() asks a block device for its size (ioctl), where Files.size() says 0.
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
                    return OptionalLong.of(channel.size());
                } catch (IOException e) {
                    return OptionalLong.empty();
                }
            }

            @Override
            public InputStream open() throws IOException {
                return Channels.newInputStream(FileChannel.open(path, StandardOpenOption.READ));
            }
        };
    }

    /**
     * A stream the caller opens, such as a pipe from another program.
     *
     * @param description what it reads
     * @param size its length, or -1 when unknown
     * @param opener opens the stream
     * @return the source
     */
    static BackupSource of(String description, long size, Opener opener) {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(opener, "opener");
        return new BackupSource() {
            @Override
            public String describe() {
                return description;
            }

            @Override
            public OptionalLong size() {
                return size < 0 ? OptionalLong.empty() : OptionalLong.of(size);
            }

            @Override
            public InputStream open() throws IOException {
                return opener.open();
            }
        };
    }

    /** Opens a stream. */
    @FunctionalInterface
    interface Opener {
        /**
         * Opens it.
         *
         * @return the stream
         * @throws IOException when it cannot be opened
         */
        InputStream open() throws IOException;
    }
}
