/** bm-testkit. */
module org.bmsdk.testkit {
    requires transitive org.bmsdk.api;
    requires static org.junit.jupiter.api;
    requires org.slf4j;
}
