package org.bmsdk.testkit.network.internal;

/** What a command does; the dialects' command tables map their spellings to these. */
enum Action {
    ENABLE, DISABLE, TERMINAL_LENGTH, NOTHING, CONFIGURE, SHOW_RUN, SHOW_RUN_IF, SHOW_STARTUP, SHOW_VLAN,
    SHOW_IF_SWITCHPORT, SAVE, LOGOUT,
    END, EXIT_MODE, HOSTNAME, VLAN, NO_VLAN, INTERFACE,
    VLAN_NAME, NO_VLAN_NAME,
    DESCRIPTION, NO_DESCRIPTION, SHUTDOWN, NO_SHUTDOWN, MODE_ACCESS, MODE_TRUNK, NO_MODE,
    ACCESS_VLAN, NO_ACCESS_VLAN, NATIVE_VLAN, NO_NATIVE_VLAN,
    ALLOWED_SET, ALLOWED_ADD, ALLOWED_REMOVE, ALLOWED_NONE, ALLOWED_ALL,
    // Dell OS10: a trunk starts with no tagged VLANs, access mode drops them, and the access VLAN
    // is the untagged (native) one in both modes.
    MODE_TRUNK_NO_VLANS, MODE_ACCESS_CLEAR, UNTAGGED_VLAN, NO_UNTAGGED_VLAN
}
