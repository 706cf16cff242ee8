/**
 * bm-ha: health monitoring, failure detection, fencing and failover of bare-metal nodes, and the
 * controller cluster that shares them among instances, written
 * against bm-api interfaces only.
 */
module org.bmsdk.ha {
    requires transitive org.bmsdk.api;
    requires org.slf4j;

    exports org.bmsdk.ha;
    exports org.bmsdk.ha.cluster;
}
