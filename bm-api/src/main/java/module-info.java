/**
 * bm-api: the domain model, service interfaces (SPI), errors and node lifecycle that every bm-sdk
 * module speaks. It depends on nothing but jakarta.inject and SLF4J.
 */
module org.bmsdk.api {
    requires static jakarta.inject;
    requires org.slf4j;

    uses org.bmsdk.api.bmc.BmcDriverProvider;
    uses org.bmsdk.api.network.SwitchDriver;

    exports org.bmsdk.api;
    exports org.bmsdk.api.agent;
    exports org.bmsdk.api.bmc;
    exports org.bmsdk.api.capability;
    exports org.bmsdk.api.credentials;
    exports org.bmsdk.api.event;
    exports org.bmsdk.api.fleet;
    exports org.bmsdk.api.ha;
    exports org.bmsdk.api.lifecycle;
    exports org.bmsdk.api.model;
    exports org.bmsdk.api.network;
    exports org.bmsdk.api.storage;
    exports org.bmsdk.api.store;
    exports org.bmsdk.api.workflow;
}
