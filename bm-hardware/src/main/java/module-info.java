/**
 * bm-hardware: BMC drivers. The DMTF Redfish driver is {@code org.bmsdk.hardware.redfish}; it
 * registers itself for the {@code redfish} (HTTPS) and {@code redfish+http} schemes. HttpClient and
 * Jackson are implementation details in {@code org.bmsdk.hardware.redfish.internal}, which is not
 * exported. {@code jdk.httpserver} serves the event receiver. The IPMI v2.0 (RMCP+) driver is
 * {@code org.bmsdk.hardware.ipmi}; it registers itself for the {@code ipmi} scheme and speaks the
 * protocol itself over UDP. Its implementation in {@code org.bmsdk.hardware.ipmi.internal} is not
 * exported. {@code org.bmsdk.hardware.console} holds the vendor SSH consoles (iDRAC, iLO, over
 * bm-ssh) and the console log kept per node over any {@code SerialConsole}.
 * {@code org.bmsdk.hardware.agent} is the service ramdisk's agent over SSH (bm-ssh).
 */
module org.bmsdk.hardware {
    requires transitive org.bmsdk.api;
    requires org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    // the vendor SSH consoles (iDRAC console com2, iLO vsp; SshOptions appears in SshConsole's API) and the ramdisk agent
    requires transitive org.bmsdk.ssh;
    requires jdk.httpserver;

    exports org.bmsdk.hardware.console;
    exports org.bmsdk.hardware.agent;
    exports org.bmsdk.hardware.ipmi;
    exports org.bmsdk.hardware.redfish;

    provides org.bmsdk.api.bmc.BmcDriverProvider
            with org.bmsdk.hardware.redfish.RedfishDriverProvider, org.bmsdk.hardware.ipmi.IpmiDriverProvider;
}
