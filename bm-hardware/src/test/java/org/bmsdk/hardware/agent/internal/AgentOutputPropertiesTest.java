package org.bmsdk.hardware.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.api.agent.BlockDevice;
import org.bmsdk.api.agent.LldpNeighbor;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;

/** The agent's decoders: what lsblk and lldpctl print in their real formats comes back as it was; anything else is refused cleanly. */
class AgentOutputPropertiesTest {

    @Provide
    Arbitrary<List<BlockDevice>> devices() {
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').withChars('0', '9', '-', '_').ofMinLength(1).ofMaxLength(10);
        Arbitrary<BlockDevice> device = Combinators.combine(name, Arbitraries.longs().between(1, Long.MAX_VALUE), Arbitraries.of(true, false))
                .as((n, size, rota) -> new BlockDevice("/dev/" + n, size, rota));
        return device.list().ofMaxSize(8);
    }

    /** lsblk --pairs output of disks, with partitions, roms and empty devices mixed in, gives back exactly the disks. */
    @Property
    void lsblkPairsComeBackAsTheDisksTheyList(@ForAll("devices") List<BlockDevice> disks, @ForAll("noise") List<String> noise) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < disks.size(); i++) {
            BlockDevice d = disks.get(i);
            out.append("NAME=\"").append(d.path().substring(5)).append("\" SIZE=\"").append(d.sizeBytes()).append("\" ROTA=\"")
                    .append(d.rotational() ? 1 : 0).append("\" TYPE=\"disk\"\n");
            if (i < noise.size()) {
                out.append(noise.get(i)).append('\n');
            }
        }
        assertEquals(disks, AgentOutput.blockDevices(out.toString()));
    }

    @Provide
    Arbitrary<List<String>> noise() {
        return Arbitraries.of(
                "NAME=\"sr0\" SIZE=\"1073741312\" ROTA=\"1\" TYPE=\"rom\"",
                "NAME=\"zram0\" SIZE=\"0\" ROTA=\"0\" TYPE=\"disk\"",
                "NAME=\"loop0\" SIZE=\"4096\" ROTA=\"0\" TYPE=\"loop\"",
                "").list().ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<LocalLinkConnection>> links() {
        Arbitrary<String> mac = Arbitraries.integers().between(0, 255).list().ofSize(6)
                .map(b -> String.join(":", b.stream().map(x -> String.format(Locale.ROOT, "%02x", x)).toList()));
        Arbitrary<String> name = Arbitraries.strings().withCharRange('a', 'z').withChars('-', '0', '1', '.').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> port = Arbitraries.strings().withCharRange('A', 'z').withChars('/', '-', '0', '1', ':', ' ').ofMinLength(1).ofMaxLength(14)
                .filter(p -> !p.isBlank() && !p.startsWith(" ") && !p.endsWith(" "));
        Arbitrary<String> switchId = Arbitraries.oneOf(mac, name);
        Arbitrary<String> info = Arbitraries.oneOf(Arbitraries.just(""), name);
        return Combinators.combine(switchId, port, info).as(LocalLinkConnection::new)
                .filter(l -> !l.switchInfo().equals(l.switchId()))
                .list().ofMaxSize(6);
    }

    /** lldpctl -f keyvalue as lldpd prints it (chassis id as mac or local, name when there is one) gives back each link. */
    @Property
    void lldpKeyvalueComesBackAsTheLinksItNames(@ForAll("links") List<LocalLinkConnection> links) {
        StringBuilder out = new StringBuilder();
        Map<String, MacAddress> macs = new LinkedHashMap<>();
        List<LldpNeighbor> expected = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            LocalLinkConnection l = links.get(i);
            String ifname = "eth" + i;
            MacAddress mac = MacAddress.of(String.format(Locale.ROOT, "02:00:00:00:00:%02x", i));
            macs.put(ifname, mac);
            expected.add(new LldpNeighbor(ifname, mac, l));
            String p = "lldp." + ifname + ".";
            boolean isMac = l.switchId().matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            out.append(p).append("via=LLDP\n").append(p).append("rid=1\n").append(p).append("age=0 day, 00:00:10\n");
            out.append(p).append(isMac ? "chassis.mac=" : "chassis.local=").append(l.switchId()).append('\n');
            if (!l.switchInfo().isEmpty()) {
                out.append(p).append("chassis.name=").append(l.switchInfo()).append('\n');
            }
            out.append(p).append("port.ifname=").append(l.portId()).append('\n');
            out.append(p).append("port.descr=something else\n");
        }
        // An interface the agent does not know (a bridge) is left out.
        out.append("lldp.br0.chassis.mac=00:11:22:33:44:55\nlldp.br0.port.ifname=x\n");
        assertEquals(expected, AgentOutput.lldpNeighbors(out.toString(), macs));
    }

    /** Any text is either read or refused with IllegalArgumentException, by both decoders. */
    @Property
    void anyTextIsReadOrRefusedCleanly(@ForAll("junk") String text) {
        try {
            AgentOutput.blockDevices(text);
        } catch (IllegalArgumentException refused) {
            // not lsblk output
        }
        AgentOutput.lldpNeighbors(text, AgentOutput.interfaceAddresses(text));
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.strings().withChars("NAMESIZROTY=\"\\x0 disk\nlp.eth:ab/").ofMaxLength(60);
    }
}
