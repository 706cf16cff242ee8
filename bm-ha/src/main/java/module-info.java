/** bm-ha. */
module org.bmsdk.ha {
    requires transitive org.bmsdk.api;
    requires org.slf4j;
}
