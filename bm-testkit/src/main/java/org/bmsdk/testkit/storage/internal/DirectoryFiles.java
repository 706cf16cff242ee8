package org.bmsdk.testkit.storage.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@link HostFiles} under a real directory that plays the host's root: host path
 * {@code /srv/volumes/v.vol} is {@code ROOT/srv/volumes/v.vol}. Files are sparse where the real
 * file system is. Each block read or write opens the file, so that a file deleted or replaced by
 * the test is seen at once, as tgt's rdwr backing store would not; simpler, and enough for tests.
 */
public final class DirectoryFiles implements HostFiles {

    private final Path root;

    /** @param root the directory that plays {@code /}; made when missing */
    public DirectoryFiles(Path root) throws IOException {
        this.root = Files.createDirectories(root).toAbsolutePath().normalize();
    }

    private Path real(String hostPath) {
        Path p = root.resolve(HostFiles.normalize(hostPath).substring(1)).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("outside the root: " + hostPath);
        }
        return p;
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(real(path));
    }

    @Override
    public boolean isFile(String path) {
        return Files.isRegularFile(real(path));
    }

    @Override
    public void mkdirs(String path) throws IOException {
        try {
            Files.createDirectories(real(path));
        } catch (FileAlreadyExistsException e) {
            throw new IOException("File exists");
        }
    }

    @Override
    public void createExclusive(String path) throws IOException {
        try {
            Files.createFile(real(path));
        } catch (FileAlreadyExistsException e) {
            throw new FileAlreadyExistsException("File exists");
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("No such file or directory");
        }
    }

    @Override
    public void truncate(String path, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(existing(path).toFile(), "rw")) {
            f.setLength(size);
        }
    }

    @Override
    public long size(String path) throws IOException {
        return Files.size(existing(path));
    }

    @Override
    public boolean delete(String path) throws IOException {
        Path p = real(path);
        return Files.isRegularFile(p) && Files.deleteIfExists(p);
    }

    @Override
    public List<String> files(String directory) throws IOException {
        Path d = real(directory);
        if (!Files.isDirectory(d)) {
            throw new FileNotFoundException("No such file or directory");
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public Blocks open(String path) throws IOException {
        Path p = existing(path);
        return new Blocks() {
            @Override
            public long size() throws IOException {
                return Files.size(p);
            }

            @Override
            public void read(long offset, byte[] into) throws IOException {
                java.util.Arrays.fill(into, (byte) 0);
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                    ByteBuffer b = ByteBuffer.wrap(into);
                    while (b.hasRemaining()) {
                        if (ch.read(b, offset + b.position()) < 0) {
                            break;
                        }
                    }
                }
            }

            @Override
            public void write(long offset, byte[] data) throws IOException {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    int n = (int) Math.max(0, Math.min(data.length, ch.size() - offset));
                    ByteBuffer b = ByteBuffer.wrap(data, 0, n);
                    while (b.hasRemaining()) {
                        ch.write(b, offset + b.position());
                    }
                }
            }

            @Override
            public void sync() throws IOException {
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                    ch.force(false);
                }
            }
        };
    }

    private Path existing(String path) throws IOException {
        Path p = real(path);
        if (!Files.isRegularFile(p)) {
            throw new FileNotFoundException("No such file or directory");
        }
        return p;
    }
}
