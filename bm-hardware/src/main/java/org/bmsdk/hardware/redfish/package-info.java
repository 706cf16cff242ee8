/**
 * The DMTF Redfish BMC driver: {@link org.bmsdk.hardware.redfish.RedfishDriverProvider}, tuned by
 * {@link org.bmsdk.hardware.redfish.RedfishOptions}. Clients are reached through
 * {@link org.bmsdk.api.bmc.BmcDriverRegistry} and speak only bm-api types; everything else lives in
 * the unexported {@code internal} package and may change at any time.
 * {@link org.bmsdk.hardware.redfish.RedfishPowerPoller} reads the power state of a whole fleet of
 * such clients at once, from an event loop instead of a thread per BMC, under the same per-BMC rules.
 */
package org.bmsdk.hardware.redfish;
