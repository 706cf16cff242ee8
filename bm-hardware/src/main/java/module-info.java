/**
 * bm-hardware: BMC drivers. The IPMI v2.0 (RMCP+) driver is {@code org.bmsdk.hardware.ipmi}; it
 * registers itself for the {@code ipmi} scheme and speaks the protocol itself over UDP. Its
 * implementation in {@code org.bmsdk.hardware.ipmi.internal} is not exported.
 */
module org.bmsdk.hardware {
    requires transitive org.bmsdk.api;
    requires org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;

    exports org.bmsdk.hardware.ipmi;

    provides org.bmsdk.api.bmc.BmcDriverProvider with org.bmsdk.hardware.ipmi.IpmiDriverProvider;
}
