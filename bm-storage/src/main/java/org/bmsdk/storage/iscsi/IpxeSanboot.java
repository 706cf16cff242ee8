package org.bmsdk.storage.iscsi;

import java.util.Objects;
import java.util.regex.Pattern;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeTarget;

/**
 * Boot from volume: the iPXE script that makes a node boot from an attached iSCSI volume, generated
 * from the {@link VolumeTarget} that {@link org.bmsdk.api.storage.BlockStorage#attach attach}
 * returned and the node's initiator name:
 *
 * <pre>
 * #!ipxe
 * set initiator-iqn iqn.2024-01.org.example:node-1
 * set username bm-vol1
 * set password ****
 * sanboot iscsi:10.0.0.5::3260:1:iqn.2024-01.org.bmsdk:vol1
 * </pre>
 *
 * <p>The script holds the CHAP secret in clear, by necessity: iPXE has to send it. Serve it only to
 * that node (over the provisioning network, by its MAC or a one-time URL), never log {@link #text()},
 * and treat the script as a credential. {@link #toString()} shows it with the secret as {@code ****}.
 */
public final class IpxeSanboot {

    /** What iPXE reads literally in a {@code set} line: no whitespace, no settings expansion, no quotes. */
    private static final Pattern SAFE = Pattern.compile("[\\x21-\\x7e&&[^$\"'\\\\#{}]]+");

    private final String text;
    private final String shown;

    private IpxeSanboot(String text, String shown) {
        this.text = text;
        this.shown = shown;
    }

    /**
     * Generates the script.
     *
     * @param target where the volume is exported
     * @param node the node's initiator, the one the volume was attached to
     * @return the script
     * @throws IllegalArgumentException when the initiator is not iSCSI, or a CHAP name or secret
     *     holds characters iPXE would not read literally (whitespace, {@code $ " ' \ # { }})
     */
    public static IpxeSanboot of(VolumeTarget target, VolumeConnector node) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(node, "node");
        if (node.type() != VolumeConnector.Type.ISCSI) {
            throw new IllegalArgumentException("iPXE boots from iSCSI only, not " + node.type());
        }
        StringBuilder text = new StringBuilder("#!ipxe\n");
        StringBuilder shown = new StringBuilder("#!ipxe\n");
        both(text, shown, "set initiator-iqn " + node.initiator() + "\n");
        if (target.chap().isPresent()) {
            Credentials chap = target.chap().get();
            String secret = chap.password().reveal();
            if (!SAFE.matcher(chap.username()).matches() || !SAFE.matcher(secret).matches()) {
                throw new IllegalArgumentException("the CHAP user name or secret of " + target.targetIqn()
                        + " holds characters iPXE would not read literally");
            }
            both(text, shown, "set username " + chap.username() + "\n");
            text.append("set password ").append(secret).append('\n');
            shown.append("set password ****\n");
        }
        both(text, shown, "sanboot " + uri(target) + "\n");
        return new IpxeSanboot(text.toString(), shown.toString());
    }

    /**
     * iPXE's iSCSI URI, {@code iscsi:<server>:<protocol>:<port>:<lun>:<target>}, the protocol left
     * empty (TCP); an IPv6 server keeps its brackets.
     *
     * @param target the target
     * @return the URI, which holds no secret
     */
    public static String uri(VolumeTarget target) {
        String portal = target.portal();
        int colon = portal.lastIndexOf(':');
        return "iscsi:" + portal.substring(0, colon) + "::" + portal.substring(colon + 1) + ":" + target.lun() + ":"
                + target.targetIqn();
    }

    private static void both(StringBuilder a, StringBuilder b, String line) {
        a.append(line);
        b.append(line);
    }

    /**
     * The script, as the node must get it.
     *
     * @return the script, with the CHAP secret in clear: never log it
     */
    public String text() {
        return text;
    }

    /** The script with the CHAP secret as {@code ****}. */
    @Override
    public String toString() {
        return shown;
    }
}
