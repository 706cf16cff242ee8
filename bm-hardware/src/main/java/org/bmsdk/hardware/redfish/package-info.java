/**
 * The DMTF Redfish BMC driver: {@link org.bmsdk.hardware.redfish.RedfishDriverProvider}, tuned by
 * {@link org.bmsdk.hardware.redfish.RedfishOptions}. Clients are reached through
 * {@link org.bmsdk.api.bmc.BmcDriverRegistry} and speak only bm-api types; everything else lives in
 * the unexported {@code internal} package and may change at any time.
 */
package org.bmsdk.hardware.redfish;
