package org.bmsdk.testkit.junit5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.testkit.ipmi.IpmiLab;
import org.bmsdk.testkit.ipmi.SimulatedIpmi;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension starts IPMI BMCs before a test, injects them, and stops them after. */
class IpmiExtensionTest {

    @RegisterExtension
    final IpmiExtension bmcs = IpmiExtension.withMachines(3);

    @Test
    void threeBmcsEachWithItsMachineAnsweringOverUdp(SimulatedIpmi first, SimulatedMachine firstMachine, IpmiLab lab)
            throws Exception {
        assertEquals(3, bmcs.bmcs().size());
        assertSame(bmcs.bmc(0), first);
        assertSame(bmcs.machine(0), firstMachine);
        assertSame(bmcs.lab(), lab);
        assertEquals("node-2", bmcs.machine(1).name());
        assertNotEquals(bmcs.bmc(0).port(), bmcs.bmc(1).port());
        for (SimulatedIpmi bmc : bmcs.bmcs()) {
            assertEquals(0x40, asfPing(bmc)[8], "an ASF presence pong from " + bmc);
        }
        bmcs.machine(2).powerOn();
        assertEquals(PowerState.ON, bmcs.machine(2).powerState());
    }

    @Test
    void eachTestGetsFreshMachines() {
        assertEquals(PowerState.OFF, bmcs.machine(2).powerState());
    }

    /** An RMCP presence ping (DSP0136), the cheapest "is a BMC there" over a real socket. */
    static byte[] asfPing(SimulatedIpmi bmc) throws Exception {
        byte[] ping = {0x06, 0x00, (byte) 0xFF, 0x06, 0x00, 0x00, 0x11, (byte) 0xBE, (byte) 0x80, 0x01, 0x00, 0x00};
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(5000);
            s.send(new DatagramPacket(ping, ping.length, bmc.address()));
            DatagramPacket in = new DatagramPacket(new byte[64], 64);
            s.receive(in);
            return java.util.Arrays.copyOf(in.getData(), in.getLength());
        }
    }
}
