package org.bmsdk.api.bmc;

import java.util.List;

/** The BMC's system event log (IPMI SEL, Redfish LogService). */
public interface SystemEventLog extends BmcCapability {

    /**
     * Reads every entry, oldest first.
     *
     * @return the entries
     */
    List<LogEntry> entries();

    /** Clears the log. */
    void clear();
}
