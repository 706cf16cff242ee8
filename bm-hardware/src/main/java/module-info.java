/** bm-hardware. */
module org.bmsdk.hardware {
    requires transitive org.bmsdk.api;
    requires org.apache.httpcomponents.client5.httpclient5;
    requires org.apache.httpcomponents.core5.httpcore5;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
}
