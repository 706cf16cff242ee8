package org.bmsdk.store.jdbc.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ErrorContext;

/** JDBC URLs: those of embedded H2 files, and any as errors and logs may show it. */
public final class JdbcUrls {

    /** The user of the H2 files we create; the file's protection is the file system's. */
    public static final String USER = "bm";

    private static final String SUFFIX = ".mv.db";

    /**
     * Our settings, and why. WRITE_DELAY=0: H2 would otherwise keep commits in memory for up to
     * half a second, and a crashed controller would lose writes that had returned.
     * DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would close the database under a controller
     * still saving its state in its shutdown hooks; close() closes it, and with WRITE_DELAY=0 a
     * process that never calls it loses nothing.
     */
    private static final String SETTINGS = ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";

    private JdbcUrls() {
    }

    /**
     * The URL of an embedded database file, creating its directory.
     *
     * @param file the file, with or without H2's {@code .mv.db} suffix
     * @return the URL
     * @throws IllegalArgumentException when the path cannot be part of an H2 URL
     * @throws ConfigurationException when the directory cannot be created
     */
    public static String h2File(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        if (abs.getFileName() == null) {
            throw new IllegalArgumentException("H2 database file must name a file, but was '" + file + "'");
        }
        String name = abs.getFileName().toString();
        if (name.endsWith(SUFFIX)) {
            name = name.substring(0, name.length() - SUFFIX.length());
        }
        if (name.isEmpty() || abs.toString().contains(";")) {
            throw new IllegalArgumentException("H2 database file must have a name and no ';' in its path, but was '" + file + "'");
        }
        Path dir = abs.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ConfigurationException("cannot create the directory " + dir + " for the H2 database: " + e,
                    ErrorContext.of(dir.toString(), Database.DRIVER_ID, "store.open"), e);
        }
        return "jdbc:h2:file:" + dir.resolve(name) + SETTINGS;
    }

    /**
     * A JDBC URL without what may hold a secret: user info, and settings after {@code ;} or
     * {@code ?}.
     *
     * @param jdbcUrl the URL
     * @return the URL as errors and logs show it
     */
    public static String redact(String jdbcUrl) {
        String s = jdbcUrl;
        for (char stop : new char[] {';', '?'}) {
            int i = s.indexOf(stop);
            if (i >= 0) {
                s = s.substring(0, i);
            }
        }
        int slashes = s.indexOf("//");
        int at = s.indexOf('@', Math.max(slashes, 0));
        if (slashes >= 0 && at > slashes) {
            s = s.substring(0, slashes + 2) + s.substring(at + 1);
        }
        return s;
    }

    /**
     * Whether a URL carries a password: user info before {@code @}, or a {@code password}
     * setting, as PostgreSQL's driver and H2 take them.
     *
     * @param jdbcUrl the URL
     * @return true when it does
     */
    public static boolean holdsPassword(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("password=") || !redact(jdbcUrl).equals(redactSettingsOnly(jdbcUrl));
    }

    private static String redactSettingsOnly(String jdbcUrl) {
        String s = jdbcUrl;
        for (char stop : new char[] {';', '?'}) {
            int i = s.indexOf(stop);
            if (i >= 0) {
                s = s.substring(0, i);
            }
        }
        return s;
    }
}
