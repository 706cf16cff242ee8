/** bm-cli. */
module org.bmsdk.cli {
    requires org.bmsdk.api;
    requires org.bmsdk.ssh;
    requires org.bmsdk.hardware;
    requires org.bmsdk.network;
    requires org.bmsdk.storage;
    requires org.bmsdk.store;
    requires org.bmsdk.ha;
    requires org.bmsdk.testkit;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
}
