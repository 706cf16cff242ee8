package org.bmsdk.testkit.storage.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link HostFiles} in memory. Files are sparse: only the 64 KiB pages written hold memory, so a
 * test may create volumes of gigabytes.
 */
public final class MemoryFiles implements HostFiles {

    private static final int PAGE = 64 * 1024;

    private final Set<String> directories = ConcurrentHashMap.newKeySet();
    private final Map<String, SparseFile> files = new ConcurrentHashMap<>();

    /** An empty file system with {@code /} and {@code /tmp}. */
    public MemoryFiles() {
        directories.add("/");
        directories.add("/tmp");
    }

    private static final class SparseFile implements Blocks {
        private final TreeMap<Long, byte[]> pages = new TreeMap<>();
        private long size;

        @Override
        public synchronized long size() {
            return size;
        }

        synchronized void truncate(long newSize) {
            size = newSize;
            long lastPage = newSize == 0 ? -1 : (newSize - 1) / PAGE;
            pages.tailMap(lastPage, false).clear();
            byte[] last = pages.get(lastPage);
            if (last != null) {
                int keep = (int) (newSize - lastPage * PAGE);
                java.util.Arrays.fill(last, keep, PAGE, (byte) 0);
            }
        }

        @Override
        public synchronized void read(long offset, byte[] into) {
            java.util.Arrays.fill(into, (byte) 0);
            int done = 0;
            while (done < into.length && offset + done < size) {
                long pos = offset + done;
                long page = pos / PAGE;
                int in = (int) (pos % PAGE);
                int n = (int) Math.min(Math.min(PAGE - in, into.length - done), size - pos);
                byte[] p = pages.get(page);
                if (p != null) {
                    System.arraycopy(p, in, into, done, n);
                }
                done += n;
            }
        }

        @Override
        public synchronized void write(long offset, byte[] data) {
            int done = 0;
            while (done < data.length && offset + done < size) {
                long pos = offset + done;
                long page = pos / PAGE;
                int in = (int) (pos % PAGE);
                int n = (int) Math.min(Math.min(PAGE - in, data.length - done), size - pos);
                pages.computeIfAbsent(page, k -> new byte[PAGE]);
                System.arraycopy(data, done, pages.get(page), in, n);
                done += n;
            }
        }

        @Override
        public void sync() {
            // memory is as durable as it gets here
        }
    }

    @Override
    public boolean isDirectory(String path) {
        return directories.contains(path);
    }

    @Override
    public boolean isFile(String path) {
        return files.containsKey(path);
    }

    @Override
    public synchronized void mkdirs(String path) throws IOException {
        List<String> chain = new ArrayList<>();
        for (String p = path; !p.equals("/"); p = HostFiles.parent(p)) {
            chain.add(0, p);
        }
        for (String p : chain) {
            if (files.containsKey(p)) {
                throw new IOException("File exists");
            }
            directories.add(p);
        }
    }

    @Override
    public synchronized void createExclusive(String path) throws IOException {
        if (files.containsKey(path) || directories.contains(path)) {
            throw new FileAlreadyExistsException("File exists");
        }
        if (!directories.contains(HostFiles.parent(path))) {
            throw new FileNotFoundException("No such file or directory");
        }
        files.put(path, new SparseFile());
    }

    @Override
    public void truncate(String path, long size) throws IOException {
        file(path).truncate(size);
    }

    @Override
    public long size(String path) throws IOException {
        return file(path).size();
    }

    @Override
    public boolean delete(String path) {
        return files.remove(path) != null;
    }

    @Override
    public List<String> files(String directory) throws IOException {
        if (!directories.contains(directory)) {
            throw new FileNotFoundException("No such file or directory");
        }
        String prefix = directory.equals("/") ? "/" : directory + "/";
        Set<String> names = new HashSet<>();
        for (String f : files.keySet()) {
            if (f.startsWith(prefix) && f.indexOf('/', prefix.length()) < 0) {
                names.add(f.substring(prefix.length()));
            }
        }
        return names.stream().sorted().toList();
    }

    @Override
    public Blocks open(String path) throws IOException {
        return file(path);
    }

    private SparseFile file(String path) throws IOException {
        SparseFile f = files.get(path);
        if (f == null) {
            throw new FileNotFoundException("No such file or directory");
        }
        return f;
    }
}
