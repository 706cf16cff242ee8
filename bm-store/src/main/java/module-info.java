/** bm-store. */
module org.bmsdk.store {
    requires transitive org.bmsdk.api;
    requires transitive java.sql;
    requires com.h2database;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
}
