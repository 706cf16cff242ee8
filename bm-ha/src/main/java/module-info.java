/** bm-ha: health monitoring, fencing and failover, and the controller cluster that shares the nodes. */
module org.bmsdk.ha {
    requires transitive org.bmsdk.api;
    requires org.slf4j;

    exports org.bmsdk.ha.cluster;
}
