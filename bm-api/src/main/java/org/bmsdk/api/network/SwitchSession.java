package org.bmsdk.api.network;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CLI session on one switch. Changes are sent as the switch's dialect spells them and are not
 * durable until {@link #save()}. Blocking; one session is used by one thread at a time (drivers
 * serialise and batch the changes of concurrent callers above this level).
 *
 * <p>Implementations must: recognise the dialect's error output and throw
 * {@link org.bmsdk.api.DeviceException} carrying the error line (never pass an error silently);
 * be idempotent (asking for the state a port is already in changes nothing); honour the
 * endpoint's command timeout ({@link org.bmsdk.api.OperationTimeoutException}); never leave a
 * released port on VLAN 1 or an open trunk.
 */
public interface SwitchSession extends AutoCloseable {

    /**
     * Creates a VLAN; does nothing if it exists.
     *
     * @param vlan the VLAN
     * @param name its name on the switch
     */
    void createVlan(VlanId vlan, String name);

    /**
     * Deletes a VLAN; does nothing if it does not exist.
     *
     * @param vlan the VLAN
     */
    void deleteVlan(VlanId vlan);

    /**
     * Puts a port in access mode on one VLAN.
     *
     * @param port the port
     * @param vlan the VLAN
     */
    void setAccessVlan(String port, VlanId vlan);

    /**
     * Puts a port in trunk mode.
     *
     * @param port the port
     * @param nativeVlan the untagged VLAN, or null for none
     * @param allowed the tagged VLANs
     */
    void setTrunk(String port, VlanId nativeVlan, Set<VlanId> allowed);

    /**
     * Adds one tagged VLAN to a trunk port.
     *
     * @param port the port
     * @param vlan the VLAN
     */
    void addTrunkVlan(String port, VlanId vlan);

    /**
     * Removes one tagged VLAN from a trunk port.
     *
     * @param port the port
     * @param vlan the VLAN
     */
    void removeTrunkVlan(String port, VlanId vlan);

    /**
     * Enables ({@code no shutdown}) or disables ({@code shutdown}) a port.
     *
     * @param port the port
     * @param enabled true to enable
     */
    void setPortEnabled(String port, boolean enabled);

    /**
     * Returns a port to its idle state: shut down, in access mode on the idle VLAN (a VLAN that
     * reaches nothing), with no trunk VLANs, so that a released port never falls back to VLAN 1 or
     * an open trunk. The port is shut down before anything else changes, so it carries no traffic
     * while it is being moved.
     *
     * <p>The default implementation shuts the port down, then sets the access VLAN; drivers
     * override it to do all of it in one configuration session and clear the trunk settings too.
     *
     * @param port the port
     * @param idleVlan the idle VLAN, which must exist
     */
    default void setIdle(String port, VlanId idleVlan) {
        setPortEnabled(port, false);
        setAccessVlan(port, idleVlan);
    }

    /**
     * Creates a LACP link aggregation of ports (port-channel, bond).
     *
     * @param lag the LAG's name or number as the dialect spells it
     * @param members the member ports
     */
    void createLag(String lag, List<String> members);

    /**
     * Deletes a LAG, returning its members to standalone ports.
     *
     * @param lag the LAG
     */
    void deleteLag(String lag);

    /**
     * Creates or replaces an ACL and binds it to a port.
     *
     * @param port the port
     * @param acl the ACL
     */
    void bindAcl(String port, Acl acl);

    /**
     * Unbinds and deletes an ACL from a port.
     *
     * @param port the port
     * @param aclName the ACL's name
     */
    void unbindAcl(String port, String aclName);

    /**
     * Maps a VXLAN VNI to a VLAN on this switch's VTEP.
     *
     * @param vni the VNI
     * @param vlan the VLAN, which must exist
     */
    void mapVni(Vni vni, VlanId vlan);

    /**
     * Removes a VNI mapping.
     *
     * @param vni the VNI
     */
    void unmapVni(Vni vni);

    /** Makes the running configuration the startup configuration ({@code write memory}, commit). */
    void save();

    /**
     * Reads the running configuration back.
     *
     * @return VLANs, ports and VNI map as the switch has them now
     */
    SwitchConfig readBack();

    /**
     * Reads the link (operational) state of every port: up when the port is enabled and its far
     * end is there and powered. A port shut down has no link, whatever is cabled to it.
     *
     * <p>The default reads nothing (an empty map): drivers that can read it override this.
     *
     * @return by port name as {@link #readBack()} spells it, true when the port has link; ports
     *     whose link cannot be read are absent
     */
    default Map<String, Boolean> linkStates() {
        return Map.of();
    }

    /** Ends the CLI session. */
    @Override
    void close();
}
