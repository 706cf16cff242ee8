package org.bmsdk.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The link-state readers of Junos ({@code show interfaces terse}), SONiC ({@code show interfaces
 * status}) and Cumulus NVUE ({@code nv show interface}) against tables printed as those systems
 * print them, over random ports, states, column widths and filler; and against anything else
 * (tables cut anywhere, rows cut short, noise), which is an {@link IllegalArgumentException} or a
 * result, never another exception.
 */
class LinkStatesPropertiesTest {

    /** One port of a table: its number, admin and link state, and the free text of its row. */
    record Row(int number, boolean admin, boolean link, String filler) {
    }

    @Property(tries = 300)
    void junosTablesReadBack(@ForAll("rows") List<Row> rows, @ForAll @IntRange(min = 1, max = 4) int gap) {
        String f = "%-24s%-" + (5 + gap) + "s%-" + (4 + gap) + "s%-9s%-22s%s";
        StringBuilder t = new StringBuilder(String.format(f, "Interface", "Admin", "Link", "Proto", "Local", "Remote").strip() + "\n");
        Map<String, Boolean> expected = new LinkedHashMap<>();
        for (Row r : rows) {
            String port = (r.number() % 3 == 0 ? "xe-0/0/" : r.number() % 3 == 1 ? "ge-0/0/" : "ae") + r.number();
            t.append(String.format(f, port, up(r.admin()), up(r.link()), "", "", "").stripTrailing()).append('\n');
            // its unit: a link of its own, which must not stand for the port's
            t.append(String.format(f, port + ".0", "up", up(!r.link()), r.filler().isEmpty() ? "eth-switch" : "inet", r.filler(), "")
                    .stripTrailing()).append('\n');
            if (!r.filler().isEmpty()) {
                t.append(String.format(f, "", "", "", "inet6", "fe80::1/64", "").stripTrailing()).append('\n');
            }
            expected.put(port, r.admin() && r.link());
        }
        assertEquals(expected, LinkStates.junosTerse(t.toString()), t.toString());
    }

    @Property(tries = 300)
    void sonicTablesReadBack(@ForAll("rows") List<Row> rows, @ForAll @IntRange(min = 6, max = 16) int width) {
        String f = "%" + width + "s  %15s  %7s  %5s  %5s  %" + width + "s  %15s  %6s  %7s  %15s  %10s";
        StringBuilder t = new StringBuilder(String.format(f, "Interface", "Lanes", "Speed", "MTU", "FEC", "Alias", "Vlan", "Oper",
                "Admin", "Type", "Asym PFC") + "\n");
        t.append(String.format(f, "-".repeat(width), "-".repeat(15), "-".repeat(7), "-".repeat(5), "-".repeat(5), "-".repeat(width),
                "-".repeat(15), "-".repeat(6), "-".repeat(7), "-".repeat(15), "-".repeat(10))).append('\n');
        Map<String, Boolean> expected = new LinkedHashMap<>();
        for (Row r : rows) {
            boolean lag = r.number() % 5 == 0;
            String port = lag ? "PortChannel" + r.number() : "Ethernet" + 4 * r.number();
            t.append(String.format(f, port, lag ? "N/A" : "1,2,3,4", r.link() ? "100G" : "N/A", "9100", lag ? "N/A" : "rs",
                    lag ? "N/A" : "etp" + r.number(), r.filler().isEmpty() ? "routed" : "PortChannel0001", up(r.link()), up(r.admin()),
                    r.filler().isEmpty() ? "N/A" : "QSFP28 or later", "N/A")).append('\n');
            expected.put(port, r.link());
        }
        assertEquals(expected, LinkStates.sonicStatus(t.toString()), t.toString());
    }

    @Property(tries = 300)
    void nvueTablesReadBack(@ForAll("rows") List<Row> rows, @ForAll @IntRange(min = 12, max = 20) int width) {
        String f = "%-" + width + "s%-7s%-7s%-7s%-10s%-17s%-17s%s";
        StringBuilder t = new StringBuilder(String.format(f, "Interface", "State", "Speed", "MTU", "Type", "Remote Host", "Remote Port",
                "Summary").stripTrailing() + "\n");
        t.append(String.format(f, "-".repeat(width - 2), "-----", "-----", "-----", "--------", "-".repeat(15), "-".repeat(15),
                "-".repeat(15))).append('\n');
        Map<String, Boolean> expected = new LinkedHashMap<>();
        for (Row r : rows) {
            String port = (r.number() % 4 == 0 ? "bond" : "swp") + r.number();
            // a port without link has no speed; one with its LLDP neighbour names it, as the summary may
            t.append(String.format(f, port, up(r.link()), r.link() ? "25G" : "", "9216", port.startsWith("bond") ? "bond" : "swp",
                    r.link() ? r.filler() : "", r.link() ? "eth0" : "", r.filler().isEmpty() ? "" : "IP Address:").stripTrailing())
                    .append('\n');
            if (!r.filler().isEmpty()) {
                t.append(String.format(f, "", "", "", "", "", "", "", "10.0.0." + r.number() + "/24").stripTrailing()).append('\n');
            }
            expected.put(port, r.link());
        }
        assertEquals(expected, LinkStates.nvueInterfaces(t.toString()), t.toString());
    }

    @Property(tries = 500)
    void anythingElseIsAnIllegalArgumentNotACrash(@ForAll("garbage") String text) {
        for (Function<String, Map<String, Boolean>> parser : List.<Function<String, Map<String, Boolean>>>of(LinkStates::junosTerse,
                LinkStates::sonicStatus, LinkStates::nvueInterfaces)) {
            try {
                parser.apply(text);
            } catch (IllegalArgumentException expected) {
                // the session makes it a DeviceException naming the switch
            }
        }
    }

    @Example
    void aTableWithoutItsHeaderIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> LinkStates.junosTerse("ge-0/0/1                up    up\n"));
        assertThrows(IllegalArgumentException.class, () -> LinkStates.sonicStatus("  Ethernet0  1,2,3,4  100G  9100  rs  etp1  routed  up  up\n"));
        assertThrows(IllegalArgumentException.class, () -> LinkStates.nvueInterfaces("swp1        up     25G\n"));
        // a header, then a row that stops before the link column
        assertThrows(IllegalArgumentException.class, () -> LinkStates.junosTerse("Interface  Admin Link Proto\nge-0/0/1   up\n"));
        assertThrows(IllegalArgumentException.class, () -> LinkStates.sonicStatus("Interface Lanes Speed MTU FEC Alias Vlan Oper\n"
                + "Ethernet0 1,2,3,4 100G\n"));
        assertThrows(IllegalArgumentException.class, () -> LinkStates.nvueInterfaces("Interface   State  Speed\nswp1\n"));
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        Arbitrary<String> filler = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().withChars("abcxyz-_.019").ofMinLength(1)
                .ofMaxLength(14).filter(s -> !s.startsWith("-")));
        return Combinators.combine(Arbitraries.integers().between(0, 95), Arbitraries.of(true, false), Arbitraries.of(true, false), filler)
                .as(Row::new).list().ofMaxSize(20).uniqueElements(Row::number);
    }

    @Provide
    Arbitrary<String> garbage() {
        String junos = "Interface               Admin Link Proto    Local                 Remote\n"
                + "ge-0/0/0                up    up\nge-0/0/0.0              up    up   eth-switch\n"
                + "lo0.0                   up    up   inet     127.0.0.1           --> 0/0\n                                   inet6    fe80::1\n";
        String sonic = "  Interface    Lanes    Speed    MTU    FEC    Alias    Vlan    Oper    Admin    Type    Asym PFC\n"
                + "-----------  -------  -------  -----  -----  -------  ------  ------  -------  ------  ----------\n"
                + "  Ethernet0  0,1,2,3     100G   9100    N/A     etp1  routed      up       up  QSFP28         N/A\n";
        String nvue = "Interface   State  Speed  MTU    Type      Remote Host      Remote Port      Summary\n"
                + "----------  -----  -----  -----  --------  ---------------  ---------------  ---------------\n"
                + "lo          up            65536  loopback                                     IP Address:\n"
                + "                                                                             127.0.0.1/8\n"
                + "swp1        down          9216   swp\n";
        Arbitrary<String> table = Arbitraries.of(junos, sonic, nvue);
        Arbitrary<String> cut = Combinators.combine(table, Arbitraries.integers().between(0, 400))
                .as((t, n) -> t.substring(0, Math.min(n, t.length())));
        // a row cut short: the header stays, one line loses its end
        Arbitrary<String> shortRow = Combinators.combine(table, Arbitraries.integers().between(1, 4), Arbitraries.integers().between(0, 60))
                .as((t, line, keep) -> {
                    String[] lines = t.split("\n");
                    int i = Math.min(line, lines.length - 1);
                    lines[i] = lines[i].substring(0, Math.min(keep, lines[i].length()));
                    return String.join("\n", lines);
                });
        Arbitrary<String> noise = Arbitraries.strings().withChars("Interface AdminLinkStatOpr-.\n\t 01/updownswp").ofMaxLength(120);
        Arbitrary<String> headed = Combinators.combine(table, noise).as((t, n) -> t.substring(0, t.indexOf('\n') + 1) + n);
        return Arbitraries.oneOf(cut, shortRow, noise, headed);
    }

    private static String up(boolean b) {
        return b ? "up" : "down";
    }
}
