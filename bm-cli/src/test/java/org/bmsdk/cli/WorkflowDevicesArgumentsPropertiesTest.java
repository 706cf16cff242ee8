package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.bmsdk.network.VlanRange;

/** The decoders of the node workflows' device options: {@code --switch NAME=DIALECT,URI} and {@code --tenant-vlans FIRST-LAST}. */
class WorkflowDevicesArgumentsPropertiesTest {

    @Property
    void aSwitchReadsBackAsItsNameDialectAndUri(@ForAll("names") String name, @ForAll("names") String dialect,
            @ForAll @IntRange(min = 1, max = 65535) int port) {
        // The URI may hold '=' and ',' of its own (a query): only the first of each splits.
        String uri = "ssh://10.0.0." + (port % 250) + ":" + port;
        assertArrayEquals(new String[] {name, dialect, uri}, WorkflowDevices.parseSwitch(name + "=" + dialect + "," + uri));
        assertArrayEquals(new String[] {name, dialect, uri + "?a=b,c"}, WorkflowDevices.parseSwitch(name + "=" + dialect + "," + uri + "?a=b,c"));
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789-_./").ofMinLength(1).ofMaxLength(20);
    }

    @Property
    void anyTextIsASwitchWithNoEmptyPartOrBadUsage(@ForAll("switchish") String text) {
        try {
            String[] parts = WorkflowDevices.parseSwitch(text);
            for (String p : parts) {
                assertFalse(p.isEmpty(), text);
            }
            assertEquals(text, parts[0] + "=" + parts[1] + "," + parts[2]);
        } catch (IllegalArgumentException expected) {
            // bad usage, exit 2
        }
    }

    @Provide
    Arbitrary<String> switchish() {
        return Arbitraries.strings().withChars("ab=,:/").ofMaxLength(10);
    }

    @Property
    void aRangeReadsBackAsItsBounds(@ForAll @IntRange(min = 1, max = 4094) int a, @ForAll @IntRange(min = 1, max = 4094) int b) {
        int first = Math.min(a, b);
        int last = Math.max(a, b);
        assertEquals(VlanRange.of(first, last), WorkflowDevices.parseRange(first + "-" + last));
    }

    @Property
    void anyTextIsARangeOrBadUsage(@ForAll @StringLength(max = 12) String text) {
        try {
            VlanRange r = WorkflowDevices.parseRange(text);
            assertFalse(r.first().compareTo(r.last()) > 0, text);
        } catch (IllegalArgumentException expected) {
            // bad usage, exit 2
        }
    }
}
