/**
 * bm-ha: health monitoring, failure detection, fencing and failover of bare-metal nodes, written
 * against bm-api interfaces only.
 */
module org.bmsdk.ha {
    requires transitive org.bmsdk.api;
    requires org.slf4j;

    exports org.bmsdk.ha;
}
