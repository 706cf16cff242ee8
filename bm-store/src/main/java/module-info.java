/**
 * bm-store: the {@link org.bmsdk.api.store.Store} over JDBC, with an embedded single-file H2
 * database as the default and any JDBC {@link javax.sql.DataSource} for others.
 */
module org.bmsdk.store {
    requires transitive org.bmsdk.api;
    requires transitive java.sql;
    requires com.h2database;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports org.bmsdk.store.jdbc;
}
