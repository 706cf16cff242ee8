package org.bmsdk.store.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * One numbered schema change: a script of SQL statements, each ending with {@code ;} at the end of
 * a line, with {@code --} comment lines and {@code ${NAME}} placeholders that the dialect fills in.
 *
 * @param version the schema version this script brings the database to, from 1
 * @param description a few words, from the file name
 * @param script the script text, as written (placeholders not yet filled in)
 */
public record Migration(int version, String description, String script) {

    /** Where the scripts are, as class path resources. */
    public static final String LOCATION = "/db/migration/";

    /**
     * The scripts this code knows, in order. A list rather than a directory scan, because a
     * directory inside a JAR or a module cannot be listed portably; a test checks that every
     * script on the class path is listed here.
     */
    public static final List<String> SCRIPTS = List.of("V1__init.sql");

    private static final Pattern FILE_NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.sql");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

    /** Validates the components. */
    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("version must be at least 1, but was " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
    }

    /**
     * The migrations of this code, read from {@link #SCRIPTS}.
     *
     * @return the migrations, by version
     */
    public static List<Migration> bundled() {
        List<Migration> all = new ArrayList<>();
        for (String name : SCRIPTS) {
            all.add(fromResource(name));
        }
        return List.copyOf(all);
    }

    /**
     * Reads one script from the class path.
     *
     * @param fileName such as {@code V1__init.sql}
     * @return the migration
     */
    public static Migration fromResource(String fileName) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalArgumentException("migration file must be named V<n>__<words>.sql, but was '" + fileName + "'");
        }
        try (InputStream in = Migration.class.getResourceAsStream(LOCATION + fileName)) {
            if (in == null) {
                throw new IllegalStateException("migration " + LOCATION + fileName + " is missing from the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Migration(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), text);
        } catch (IOException e) {
            throw new UncheckedIOException("reading migration " + fileName, e);
        }
    }

    /**
     * A checksum of the script as written, so that a script edited after it was applied is noticed.
     * Taken before placeholders are filled in, so it is the same on every database.
     *
     * @return the CRC-32 of the script's UTF-8 bytes
     */
    public long checksum() {
        CRC32 crc = new CRC32();
        crc.update(script.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /**
     * The statements of the script, placeholders filled in.
     *
     * @param placeholders name to value
     * @return the statements, without their closing {@code ;}
     * @throws IllegalStateException when the script names an unknown placeholder
     */
    public List<String> statements(Map<String, String> placeholders) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\r?\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(current.length() == 0 ? "" : "\n").append(line);
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(fill(sql.substring(0, sql.length() - 1), placeholders));
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            statements.add(fill(current.toString().strip(), placeholders));
        }
        return statements;
    }

    private String fill(String sql, Map<String, String> placeholders) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = placeholders.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("migration V" + version + " uses unknown placeholder ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
