/**
 * Switch drivers over SSH: {@link org.bmsdk.network.CiscoIosDriver},
 * {@link org.bmsdk.network.AristaEosDriver}, {@link org.bmsdk.network.CiscoNxosDriver},
 * {@link org.bmsdk.network.JuniperJunosDriver}, {@link org.bmsdk.network.DellOs10Driver},
 * {@link org.bmsdk.network.SonicDriver} and {@link org.bmsdk.network.CumulusNvueDriver}, implementations of bm-api's
 * {@link org.bmsdk.api.network.SwitchDriver}. Users normally reach them through
 * {@link org.bmsdk.api.network.SwitchDriverRegistry#loadInstalled()} by the endpoint's dialect.
 */
package org.bmsdk.network;
