/**
 * bm-testkit: the far side of every protocol bm-sdk speaks (BMCs, switches, storage hosts), and
 * the simulated machines behind them, for bm-sdk's own tests and its users'.
 */
module org.bmsdk.testkit {
    requires transitive org.bmsdk.api;
    // Optional at run time: only the JUnit 5 extension needs it, and its users have JUnit.
    requires static transitive org.junit.jupiter.api;
    requires org.slf4j;
    requires java.net.http;
    requires org.apache.httpcomponents.core5.httpcore5;
    requires com.fasterxml.jackson.databind;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.util;
    // The SSH servers of the simulated switches, storage host and service ramdisk.
    requires org.apache.sshd.osgi;

    exports org.bmsdk.testkit.machine;
    exports org.bmsdk.testkit.time;
    exports org.bmsdk.testkit.redfish;
    exports org.bmsdk.testkit.ipmi;
    exports org.bmsdk.testkit.junit5;
    exports org.bmsdk.testkit.network;
    exports org.bmsdk.testkit.storage;
    exports org.bmsdk.testkit.console;
    exports org.bmsdk.testkit.tck;
    exports org.bmsdk.testkit.docs;
    exports org.bmsdk.testkit.ramdisk;
}
