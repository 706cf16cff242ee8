package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.bmsdk.api.network.VlanId;

/**
 * The decoders of {@code bmctl switch} and {@code bmctl volume} arguments: VLAN lists, sizes, and
 * the order ports are listed in.
 */
class SwitchAndVolumeArgumentsPropertiesTest {

    @Property
    void aVlanListPrintedAsRangesReadsBackAsTheSameVlans(@ForAll @Size(min = 1, max = 60) Set<@IntRange(min = 1, max = 4094) Integer> ids) {
        Set<VlanId> vlans = new TreeSet<>();
        ids.forEach(i -> vlans.add(VlanId.of(i)));
        String text = SwitchText.ranges(vlans);
        assertEquals(vlans, SwitchText.vlanList(text), text);
        assertTrue(text.matches("\\d+(-\\d+)?(,\\d+(-\\d+)?)*"), text);
    }

    @Property
    void anyTextIsAVlanListOrBadUsage(@ForAll("vlanish") String text) {
        try {
            Set<VlanId> vlans = SwitchText.vlanList(text);
            assertTrue(!vlans.isEmpty(), text);
        } catch (IllegalArgumentException expected) {
            // bad usage, exit 2: the only way a malformed list may fail
        }
    }

    @Provide
    Arbitrary<String> vlanish() {
        return Arbitraries.strings().withChars("0123456789,- x").ofMaxLength(16);
    }

    @Property
    void sizesAreTheirNumberTimesTheUnit(@ForAll @LongRange(min = 0, max = 1_000_000) long n, @ForAll @IntRange(min = 0, max = 4) int power,
            @ForAll boolean binary) {
        String[] prefixes = {"", "K", "M", "G", "T"};
        String unit = power == 0 ? "B" : prefixes[power] + (binary ? "iB" : "B");
        long factor = 1;
        for (int i = 0; i < power; i++) {
            factor *= binary ? 1024 : 1000;
        }
        assertEquals(n * factor, VolumeCommand.bytes(n + unit));
        assertEquals(n * factor, VolumeCommand.bytes(n + " " + unit.toLowerCase(java.util.Locale.ROOT)));
    }

    @Property
    void anyTextIsASizeOrBadUsage(@ForAll @StringLength(max = 12) String text) {
        try {
            assertTrue(VolumeCommand.bytes(text) >= 0, text);
        } catch (IllegalArgumentException expected) {
            // bad usage, exit 2
        }
    }

    @Property
    void portsAreInATotalOrderWithNumbersCompared(@ForAll("ports") String a, @ForAll("ports") String b, @ForAll("ports") String c) {
        int ab = Integer.signum(SwitchText.PORT_ORDER.compare(a, b));
        assertEquals(-ab, Integer.signum(SwitchText.PORT_ORDER.compare(b, a)));
        assertEquals(a.equals(b), ab == 0);
        if (ab <= 0 && SwitchText.PORT_ORDER.compare(b, c) <= 0) {
            assertTrue(SwitchText.PORT_ORDER.compare(a, c) <= 0, a + " " + b + " " + c);
        }
    }

    @Provide
    Arbitrary<String> ports() {
        return Arbitraries.of("Ethernet", "GigabitEthernet1/0/", "Ethernet1/", "Port-Channel", "ge-0/0/")
                .flatMap(prefix -> Arbitraries.integers().between(0, 120).map(n -> prefix + n));
    }

    @Property
    void ethernetTwoComesBeforeEthernetTen(@ForAll @IntRange(min = 0, max = 5000) int m, @ForAll @IntRange(min = 0, max = 5000) int n) {
        assertEquals(Integer.signum(Integer.compare(m, n)),
                Integer.signum(SwitchText.PORT_ORDER.compare("Ethernet1/" + m, "Ethernet1/" + n)));
    }
}
