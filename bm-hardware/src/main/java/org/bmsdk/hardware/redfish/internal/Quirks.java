package org.bmsdk.hardware.redfish.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How one vendor's Redfish service departs from the standard, as data: where virtual media lives
 * and how it is inserted, whether PATCH wants {@code If-Match}, which message ids mean "busy, try
 * later" or "not licensed", whether finished tasks disappear, which reset types to try for each
 * power action, and how BIOS settings are applied. Loaded by {@link QuirkRegistry} from one file;
 * code asks these flags and never tests for a vendor.
 *
 * @param name the vendor/product family, such as {@code Dell iDRAC}, or {@code generic}
 * @param virtualMediaPlacement where to look for virtual media first
 * @param virtualMediaInsert how to insert an image
 * @param virtualMediaTransferProtocol whether InsertMedia must name the transfer protocol
 * @param ifMatch when PATCH sends {@code If-Match}
 * @param busyMessageIds message ids (version-free, as {@code REGISTRY.Key}) that mean "retry later"
 * @param licenceMessageIds message ids that mean "a licence is missing"
 * @param tasksVanish whether a finished task's monitor may answer 404
 * @param resetTypes Redfish reset types to try per power action name, overriding the defaults
 * @param biosApplyTime the {@code @Redfish.SettingsApplyTime} to send with BIOS changes, or {@code ""}
 * @param resetBiosBodyFirst whether Bios.ResetBios is first sent with {@code {}} rather than no body
 */
public record Quirks(
        String name,
        VirtualMediaPlacement virtualMediaPlacement,
        VirtualMediaInsert virtualMediaInsert,
        boolean virtualMediaTransferProtocol,
        IfMatch ifMatch,
        Set<String> busyMessageIds,
        Set<String> licenceMessageIds,
        boolean tasksVanish,
        Map<String, List<String>> resetTypes,
        String biosApplyTime,
        boolean resetBiosBodyFirst) {

    /** Where virtual media is looked for first; the other place is tried when the first has none. */
    public enum VirtualMediaPlacement {
        /** Under the ComputerSystem (newer firmware, Redfish 1.11+). */
        SYSTEM_FIRST,
        /** Under the Manager (older placement). */
        MANAGER_FIRST
    }

    /** How an image is inserted. */
    public enum VirtualMediaInsert {
        /** The InsertMedia action when offered, else a PATCH of {@code Image}. */
        ACTION_OR_PATCH,
        /** Always a PATCH of {@code Image} and {@code Inserted}. */
        PATCH
    }

    /** When PATCH sends {@code If-Match}. */
    public enum IfMatch {
        /** Send the ETag when the resource has one; on 412 resend without, on 428 fetch one and resend. */
        IF_AVAILABLE,
        /** Always send one; a resource without an ETag is read again for it. */
        ALWAYS,
        /** Never send one (the BMC mishandles it); on 428 fall back to sending it. */
        NEVER
    }

    /** Validates and copies the components. */
    public Quirks {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(virtualMediaPlacement, "virtualMediaPlacement");
        Objects.requireNonNull(virtualMediaInsert, "virtualMediaInsert");
        Objects.requireNonNull(ifMatch, "ifMatch");
        busyMessageIds = Set.copyOf(busyMessageIds);
        licenceMessageIds = Set.copyOf(licenceMessageIds);
        resetTypes = Map.copyOf(resetTypes);
        Objects.requireNonNull(biosApplyTime, "biosApplyTime");
    }

    /**
     * Whether a message id means the BMC is busy and the request may be sent again later.
     *
     * @param messageId such as {@code IDRAC.2.8.SYS518}
     * @return true when busy
     */
    public boolean isBusy(String messageId) {
        return messageId != null && busyMessageIds.contains(key(messageId));
    }

    /**
     * Whether a message id means a licence is missing.
     *
     * @param messageId such as {@code iLO.2.14.LicenseKeyRequired}
     * @return true when a licence is missing
     */
    public boolean isLicence(String messageId) {
        return messageId != null && licenceMessageIds.contains(key(messageId));
    }

    /**
     * A message id without its registry version, so that a table entry matches every firmware:
     * {@code Base.1.12.ServiceTemporarilyUnavailable} becomes {@code BASE.SERVICETEMPORARILYUNAVAILABLE}.
     *
     * @param messageId the id as the BMC sent it
     * @return registry and key, upper case
     */
    public static String key(String messageId) {
        String[] parts = messageId.strip().split("\\.");
        String k = parts.length == 1 ? parts[0] : parts[0] + "." + parts[parts.length - 1];
        return k.toUpperCase(Locale.ROOT);
    }
}
