package org.bmsdk.hardware.ipmi.internal;

import java.util.List;
import java.util.Map;
import org.bmsdk.api.bmc.HealthStatus;

/**
 * Names of sensor types and event offsets (IPMI v2.0 tables 42-2 and 42-3), and how bad each
 * asserted event is. Offsets a table does not list are named by number.
 */
final class SensorEvents {

    private static final List<String> SENSOR_TYPES = List.of("Reserved", "Temperature", "Voltage", "Current", "Fan",
            "Physical Security", "Platform Security", "Processor", "Power Supply", "Power Unit", "Cooling Device",
            "Other Units-based Sensor", "Memory", "Drive Slot", "POST Memory Resize", "System Firmware Progress",
            "Event Logging Disabled", "Watchdog 1", "System Event", "Critical Interrupt", "Button / Switch", "Module / Board",
            "Microcontroller / Coprocessor", "Add-in Card", "Chassis", "Chip Set", "Other FRU", "Cable / Interconnect",
            "Terminator", "System Boot / Restart Initiated", "Boot Error", "Base OS Boot / Installation Status",
            "OS Stop / Shutdown", "Slot / Connector", "System ACPI Power State", "Watchdog 2", "Platform Alert",
            "Entity Presence", "Monitor ASIC / IC", "LAN", "Management Subsystem Health", "Battery", "Session Audit",
            "Version Change", "FRU State");

    private static final List<String> THRESHOLD = List.of("Lower Non-critical going low", "Lower Non-critical going high",
            "Lower Critical going low", "Lower Critical going high", "Lower Non-recoverable going low",
            "Lower Non-recoverable going high", "Upper Non-critical going low", "Upper Non-critical going high",
            "Upper Critical going low", "Upper Critical going high", "Upper Non-recoverable going low",
            "Upper Non-recoverable going high");

    /** Offset texts and severities of one table; critical and warning are bit masks of offsets. */
    private record Table(List<String> texts, int critical, int warning) {
    }

    private static final Map<Integer, Table> GENERIC = Map.ofEntries(
            Map.entry(0x02, new Table(List.of("Transition to Idle", "Transition to Active", "Transition to Busy"), 0, 0)),
            Map.entry(0x03, new Table(List.of("State Deasserted", "State Asserted"), 0, 0)),
            Map.entry(0x04, new Table(List.of("Predictive Failure deasserted", "Predictive Failure asserted"), 0, 0b10)),
            Map.entry(0x05, new Table(List.of("Limit Not Exceeded", "Limit Exceeded"), 0, 0b10)),
            Map.entry(0x06, new Table(List.of("Performance Met", "Performance Lags"), 0, 0b10)),
            Map.entry(0x07, new Table(List.of("Transition to OK", "Transition to Non-Critical from OK",
                    "Transition to Critical from less severe", "Transition to Non-recoverable from less severe",
                    "Transition to Non-Critical from more severe", "Transition to Critical from Non-recoverable",
                    "Transition to Non-recoverable", "Monitor", "Informational"), 0b1101100, 0b10010)),
            Map.entry(0x08, new Table(List.of("Device Removed / Device Absent", "Device Inserted / Device Present"), 0, 0)),
            Map.entry(0x09, new Table(List.of("Device Disabled", "Device Enabled"), 0, 0)),
            Map.entry(0x0A, new Table(List.of("Transition to Running", "Transition to In Test", "Transition to Power Off",
                    "Transition to On Line", "Transition to Off Line", "Transition to Off Duty", "Transition to Degraded",
                    "Transition to Power Save", "Install Error"), 0, 0b101000000)),
            Map.entry(0x0B, new Table(List.of("Fully Redundant", "Redundancy Lost", "Redundancy Degraded",
                    "Non-redundant: Sufficient Resources from Redundant", "Non-redundant: Sufficient Resources from Insufficient",
                    "Non-redundant: Insufficient Resources", "Redundancy Degraded from Fully Redundant",
                    "Redundancy Degraded from Non-redundant"), 0b100000, 0b11011110)),
            Map.entry(0x0C, new Table(List.of("D0 Power State", "D1 Power State", "D2 Power State", "D3 Power State"), 0, 0)));

    private static final Map<Integer, Table> SPECIFIC = Map.ofEntries(
            Map.entry(0x05, new Table(List.of("General Chassis Intrusion", "Drive Bay Intrusion", "I/O Card Area Intrusion",
                    "Processor Area Intrusion", "LAN Leash Lost", "Unauthorized Dock", "Fan Area Intrusion"), 0, 0b1111111)),
            Map.entry(0x07, new Table(List.of("IERR", "Thermal Trip", "FRB1/BIST failure", "FRB2/Hang in POST failure",
                    "FRB3/Processor Startup/Initialization failure", "Configuration Error",
                    "SM BIOS Uncorrectable CPU-complex Error", "Processor Presence detected", "Processor disabled",
                    "Terminator Presence Detected", "Processor Automatically Throttled", "Machine Check Exception (Uncorrectable)",
                    "Correctable Machine Check Error"), 0b100001111111, 0b1010100000000)),
            Map.entry(0x08, new Table(List.of("Presence detected", "Power Supply Failure detected", "Predictive Failure",
                    "Power Supply input lost (AC/DC)", "Power Supply input lost or out-of-range",
                    "Power Supply input out-of-range, but present", "Configuration error", "Power Supply Inactive"),
                    0b10, 0b11111100)),
            Map.entry(0x09, new Table(List.of("Power Off / Power Down", "Power Cycle", "240VA Power Down",
                    "Interlock Power Down", "AC lost / Power input lost", "Soft Power Control Failure", "Power Unit Failure detected",
                    "Predictive Failure"), 0b1100000, 0b10010100)),
            Map.entry(0x0C, new Table(List.of("Correctable ECC", "Uncorrectable ECC", "Parity", "Memory Scrub Failed",
                    "Memory Device Disabled", "Correctable ECC logging limit reached", "Presence detected", "Configuration error",
                    "Spare", "Memory Automatically Throttled", "Critical Overtemperature"), 0b10000001110, 0b1010110001)),
            Map.entry(0x0D, new Table(List.of("Drive Presence", "Drive Fault", "Predictive Failure", "Hot Spare",
                    "Consistency Check In Progress", "In Critical Array", "In Failed Array", "Rebuild/Remap in progress",
                    "Rebuild/Remap Aborted"), 0b1000010, 0b100100100)),
            Map.entry(0x0F, new Table(List.of("System Firmware Error", "System Firmware Hang", "System Firmware Progress"),
                    0b11, 0)),
            Map.entry(0x10, new Table(List.of("Correctable Memory Error Logging Disabled", "Event Type Logging Disabled",
                    "Log Area Reset/Cleared", "All Event Logging Disabled", "SEL Full", "SEL Almost Full",
                    "Correctable Machine Check Error Logging Disabled"), 0, 0b0111011)),
            Map.entry(0x12, new Table(List.of("System Reconfigured", "OEM System Boot Event", "Undetermined system hardware failure",
                    "Entry added to Auxiliary Log", "PEF Action", "Timestamp Clock Synch"), 0b100, 0)),
            Map.entry(0x13, new Table(List.of("Front Panel NMI / Diagnostic Interrupt", "Bus Timeout",
                    "I/O channel check NMI", "Software NMI", "PCI PERR", "PCI SERR", "EISA Fail Safe Timeout",
                    "Bus Correctable Error", "Bus Uncorrectable Error", "Fatal NMI", "Bus Fatal Error", "Bus Degraded"),
                    0b11100110000, 0b100001001111)),
            Map.entry(0x1D, new Table(List.of("Initiated by power up", "Initiated by hard reset", "Initiated by warm reset",
                    "User requested PXE boot", "Automatic boot to diagnostic", "OS / run-time software initiated hard reset",
                    "OS / run-time software initiated warm reset", "System Restart"), 0, 0)),
            Map.entry(0x20, new Table(List.of("Critical stop during OS load / initialization", "Run-time Critical Stop",
                    "OS Graceful Stop", "OS Graceful Shutdown", "Soft Shutdown initiated by PEF", "Agent Not Responding"),
                    0b11, 0b100000)),
            Map.entry(0x23, new Table(List.of("Timer expired", "Hard Reset", "Power Down", "Power Cycle", "reserved", "reserved",
                    "reserved", "reserved", "Timer interrupt"), 0, 0b1111)));

    private SensorEvents() {
    }

    static String sensorType(int type) {
        if (type < SENSOR_TYPES.size()) {
            return SENSOR_TYPES.get(type);
        }
        return type >= 0xC0 ? "OEM sensor type " + Bytes.hex8(type) : "sensor type " + Bytes.hex8(type);
    }

    /**
     * Names an event and judges it.
     *
     * @param sensorType the sensor type
     * @param eventType the event/reading type code (7 bits)
     * @param offset the event offset (4 bits)
     * @param deassertion whether the event went away rather than arrived
     * @return the text and the severity; a deassertion is OK
     */
    static Event describe(int sensorType, int eventType, int offset, boolean deassertion) {
        String text;
        HealthStatus severity;
        if (eventType == 0x01) {
            text = offset < THRESHOLD.size() ? THRESHOLD.get(offset) : "threshold offset " + offset;
            severity = offset >= 2 && offset <= 5 || offset >= 8 ? HealthStatus.CRITICAL : HealthStatus.WARNING;
        } else {
            Table t = eventType == 0x6F ? SPECIFIC.get(sensorType) : GENERIC.get(eventType);
            if (t == null || offset >= t.texts().size()) {
                text = (eventType == 0x6F ? "sensor-specific" : eventType >= 0x70 ? "OEM" : "event type " + Bytes.hex8(eventType))
                        + " offset " + offset;
                severity = HealthStatus.OK;
            } else {
                text = t.texts().get(offset);
                severity = (t.critical() >>> offset & 1) != 0 ? HealthStatus.CRITICAL
                        : (t.warning() >>> offset & 1) != 0 ? HealthStatus.WARNING : HealthStatus.OK;
            }
        }
        return new Event(text, deassertion ? HealthStatus.OK : severity);
    }

    /**
     * A decoded event.
     *
     * @param text what happened
     * @param severity how bad it is
     */
    record Event(String text, HealthStatus severity) {
    }
}
