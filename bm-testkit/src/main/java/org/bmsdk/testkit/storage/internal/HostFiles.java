package org.bmsdk.testkit.storage.internal;

import java.io.IOException;
import java.util.List;

/**
 * The simulated storage host's file system, as its shell and its iSCSI LUNs see it: absolute
 * host paths ({@code /srv/volumes/v.vol}), either in memory or under a real directory that plays
 * the host's root. Only what the tgt driver's commands touch: directories, regular files with a
 * size, and block reads and writes. Thread-safe.
 */
public interface HostFiles {

    /** A regular file, for reading and writing blocks. */
    interface Blocks {
        /** @return the size in bytes */
        long size() throws IOException;

        /**
         * Reads bytes; past the end reads zeros.
         *
         * @param offset where
         * @param into filled completely
         */
        void read(long offset, byte[] into) throws IOException;

        /**
         * Writes bytes; the file does not grow past its size.
         *
         * @param offset where
         * @param data what
         */
        void write(long offset, byte[] data) throws IOException;

        /** Makes written data durable. */
        void sync() throws IOException;
    }

    /** @return whether the path is a directory */
    boolean isDirectory(String path);

    /** @return whether the path is a regular file */
    boolean isFile(String path);

    /**
     * Makes a directory and its parents ({@code mkdir -p}).
     *
     * @param path the directory
     * @throws IOException with the message sh would print after the path, when a file is in the way
     */
    void mkdirs(String path) throws IOException;

    /**
     * Creates an empty regular file, failing when it exists ({@code set -C; : > f}).
     *
     * @param path the file
     * @throws IOException "File exists", or "No such file or directory" for a missing directory
     */
    void createExclusive(String path) throws IOException;

    /**
     * Sets the size, sparse ({@code truncate -s}).
     *
     * @param path an existing regular file
     * @param size the new size
     */
    void truncate(String path, long size) throws IOException;

    /** @return the size of a regular file */
    long size(String path) throws IOException;

    /**
     * Removes a regular file.
     *
     * @return false when there was none
     */
    boolean delete(String path) throws IOException;

    /** @return the names of the regular files in a directory, sorted */
    List<String> files(String directory) throws IOException;

    /** @return the file's blocks, for a LUN */
    Blocks open(String path) throws IOException;

    /** Normalises an absolute path: no {@code .}, {@code ..} or repeated slashes. */
    static String normalize(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("not absolute: " + path);
        }
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(p);
            }
        }
        return "/" + String.join("/", parts);
    }

    /** @return the parent of a normalised path ({@code /} for {@code /x}) */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
