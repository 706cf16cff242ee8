/** bm-network. */
module org.bmsdk.network {
    requires transitive org.bmsdk.api;
    requires org.bmsdk.ssh;
    requires org.slf4j;
}
