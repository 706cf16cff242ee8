package org.bmsdk.api.network;

/**
 * Which network a node's ports are on, as {@link TenantNetworks#flip} moves them through the
 * node's life: idle between uses, the operator's provisioning, cleaning and rescue networks, or
 * the tenant's own networks.
 */
public enum NetworkRole {
    /** Every port shut down on the idle VLAN: the node reaches nothing. */
    IDLE,
    /** Every port on the operator's provisioning network (deploying an image). */
    PROVISIONING,
    /** Every port on the operator's cleaning network (erasing a node between tenants). */
    CLEANING,
    /** Every port on the rescue network. */
    RESCUE,
    /** Each port on the tenant networks it is bound to; unbound ports idle. */
    TENANT
}
