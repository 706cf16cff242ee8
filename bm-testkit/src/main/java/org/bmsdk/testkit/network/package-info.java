/**
 * Simulated switches: SSH servers on 127.0.0.1 that speak the CLI dialects of Cisco IOS, Arista EOS,
 * Cisco NX-OS, Juniper Junos, Dell OS10, SONiC and Cumulus NVUE, hold running and saved configurations, and inject faults. Start with
 * {@link org.bmsdk.testkit.network.SimulatedSwitches#start(org.bmsdk.testkit.network.SwitchSpec...)}.
 */
package org.bmsdk.testkit.network;
