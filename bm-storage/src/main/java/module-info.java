/** bm-storage. */
module org.bmsdk.storage {
    requires transitive org.bmsdk.api;
    requires org.bmsdk.ssh;
    requires org.slf4j;
}
