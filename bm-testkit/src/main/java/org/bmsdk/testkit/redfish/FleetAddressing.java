package org.bmsdk.testkit.redfish;

/** How the BMCs of a fleet are addressed. */
public enum FleetAddressing {
    /** All on the template's address (normally 127.0.0.1), each on a port chosen at start. */
    SHARED_ADDRESS,
    /**
     * Each on a loopback address of its own, {@link RedfishLab#loopbackAddress(int)}, all on the
     * template's port (which must then be set), as a real fleet of BMCs on port 443 looks.
     */
    ADDRESS_PER_BMC
}
