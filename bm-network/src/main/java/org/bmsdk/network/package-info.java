/**
 * Switch drivers over SSH: {@link org.bmsdk.network.CiscoIosDriver},
 * {@link org.bmsdk.network.AristaEosDriver} and {@link org.bmsdk.network.CiscoNxosDriver}, implementations of bm-api's
 * {@link org.bmsdk.api.network.SwitchDriver}. Users normally reach them through
 * {@link org.bmsdk.api.network.SwitchDriverRegistry#loadInstalled()} by the endpoint's dialect.
 */
package org.bmsdk.network;
