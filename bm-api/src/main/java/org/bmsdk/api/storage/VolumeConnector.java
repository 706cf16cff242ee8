package org.bmsdk.api.storage;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a node connects to block storage, as os-brick and Cinder call it: the node's iSCSI initiator
 * name (IQN) or Fibre Channel port name (WWPN).
 *
 * @param type iSCSI or Fibre Channel
 * @param initiator the IQN (such as {@code iqn.2024-01.org.example:node-1}) or WWPN (16 hex digits)
 */
public record VolumeConnector(Type type, String initiator) {

    private static final Pattern IQN = Pattern.compile("iqn\\.\\d{4}-\\d{2}\\.[a-z0-9.-]+(:[^\\s]+)?|eui\\.[0-9A-Fa-f]{16}");
    private static final Pattern WWPN = Pattern.compile("[0-9a-f]{16}");

    /** The transport. */
    public enum Type {
        /** iSCSI over TCP. */
        ISCSI,
        /** Fibre Channel. */
        FIBRE_CHANNEL
    }

    /** Validates the initiator for the type; a WWPN is normalised to 16 lower-case hex digits. */
    public VolumeConnector {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(initiator, "initiator");
        if (type == Type.ISCSI && !IQN.matcher(initiator).matches()) {
            throw new IllegalArgumentException("iSCSI initiator must be an IQN such as iqn.2024-01.org.example:node-1, but was '"
                    + initiator + "'");
        }
        if (type == Type.FIBRE_CHANNEL) {
            initiator = initiator.replace(":", "").toLowerCase(Locale.ROOT);
            if (!WWPN.matcher(initiator).matches()) {
                throw new IllegalArgumentException("WWPN must be 16 hex digits, but was '" + initiator + "'");
            }
        }
    }

    /**
     * An iSCSI connector.
     *
     * @param iqn the node's initiator name
     * @return the connector
     */
    public static VolumeConnector iscsi(String iqn) {
        return new VolumeConnector(Type.ISCSI, iqn);
    }
}
