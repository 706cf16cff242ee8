package org.bmsdk.store.jdbc.internal;

import java.util.List;

/** The {@code records} table, seen through one namespace. */
public final class RecordTable extends VersionedTable<String, String> {

    /** The width of the {@code record_key} column, in characters. */
    public static final int MAX_KEY_LENGTH = 512;

    private final String namespace;

    /**
     * One namespace of a database's records.
     *
     * @param db the database
     * @param namespace the namespace, already validated
     */
    public RecordTable(Database db, String namespace) {
        super(db, "record", "records", "records", List.of("namespace"), List.of(namespace), "record_key",
                List.of("record_value"));
        this.namespace = namespace;
    }

    @Override
    protected String keyText(String key) {
        if (key.codePointCount(0, key.length()) > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("record key must be at most " + MAX_KEY_LENGTH + " characters, but has "
                    + key.codePointCount(0, key.length()));
        }
        return key;
    }

    @Override
    protected String parseKey(String text) {
        return text;
    }

    @Override
    protected String[] encode(String key, String value, String operation) {
        return new String[] {value};
    }

    @Override
    protected String decode(String key, String[] columns, String operation) {
        return columns[0];
    }

    @Override
    protected String describe(String key) {
        return "record " + namespace + "/" + key;
    }
}
