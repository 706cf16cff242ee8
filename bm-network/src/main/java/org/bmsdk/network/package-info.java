/**
 * Switch drivers over SSH: {@link org.bmsdk.network.CiscoIosDriver},
 * {@link org.bmsdk.network.AristaEosDriver}, {@link org.bmsdk.network.CiscoNxosDriver},
 * {@link org.bmsdk.network.JuniperJunosDriver}, {@link org.bmsdk.network.DellOs10Driver},
 * {@link org.bmsdk.network.SonicDriver} and {@link org.bmsdk.network.CumulusNvueDriver}, implementations of bm-api's
 * {@link org.bmsdk.api.network.SwitchDriver}. Users normally reach them through
 * {@link org.bmsdk.api.network.SwitchDriverRegistry#loadInstalled()} by the endpoint's dialect.
 *
 * <p>On top of the drivers: {@link org.bmsdk.network.BatchingSwitchFabric} applies port intents
 * (bm-api's {@link org.bmsdk.api.network.SwitchFabric}) in batches, one kept session per switch;
 * {@link org.bmsdk.network.StoreTenantNetworks} implements tenant networks and network flipping
 * ({@link org.bmsdk.api.network.TenantNetworks}); {@link org.bmsdk.network.VlanAllocator} and
 * {@link org.bmsdk.network.VniAllocator} give networks their ids through the store.
 */
package org.bmsdk.network;
