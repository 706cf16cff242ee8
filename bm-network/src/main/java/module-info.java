/**
 * bm-network: switch drivers over SSH (bm-ssh). {@code org.bmsdk.network} holds the drivers for
 * Cisco IOS ({@code cisco_ios}), Arista EOS ({@code arista_eos}),
 * Cisco NX-OS ({@code cisco_nxos}), Juniper Junos ({@code juniper_junos}), Dell OS10 ({@code dell_os10}), SONiC
 * ({@code sonic}), Cumulus NVUE ({@code cumulus_nvue}) and Open vSwitch ({@code ovs_linux}), registered as bm-api
 * {@link org.bmsdk.api.network.SwitchDriver}s; their CLI handling in
 * {@code org.bmsdk.network.internal} is not exported.
 */
module org.bmsdk.network {
    requires transitive org.bmsdk.api;
    requires org.bmsdk.ssh;
    requires org.slf4j;

    exports org.bmsdk.network;

    provides org.bmsdk.api.network.SwitchDriver
            with org.bmsdk.network.CiscoIosDriver, org.bmsdk.network.AristaEosDriver,
                    org.bmsdk.network.CiscoNxosDriver, org.bmsdk.network.OpenVswitchDriver,
                    org.bmsdk.network.JuniperJunosDriver, org.bmsdk.network.DellOs10Driver,
                    org.bmsdk.network.SonicDriver, org.bmsdk.network.CumulusNvueDriver;
}
