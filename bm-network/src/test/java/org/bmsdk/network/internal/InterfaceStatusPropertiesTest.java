package org.bmsdk.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The {@code show interface status} reader against tables of any width: the status is read under
 * the header's column whatever the port descriptions hold (blanks, words that look like a status),
 * short names come back in the running configuration's spelling, and only {@code connected} is link
 * (on Dell OS10, {@code up}).
 */
class InterfaceStatusPropertiesTest {

    private static final List<String> STATUSES = List.of("connected", "notconnect", "disabled", "err-disabled", "sfpAbsent");

    /** One row: the port's number, its description and its status word. */
    record Row(int number, String description, String status) {
    }

    @Property(tries = 300)
    void everyRowReadsBackUnderItsHeader(@ForAll("rows") List<Row> rows, @ForAll @IntRange(min = 0, max = 3) int dialect,
            @ForAll @IntRange(min = 19, max = 40) int nameWidth) {
        String[][] names = {{"cisco_ios", "Gi1/0/", "GigabitEthernet1/0/"}, {"arista_eos", "Et", "Ethernet"},
            {"cisco_nxos", "Eth1/", "Ethernet1/"}, {"cisco_ios", "Po", "Port-channel"}};
        String[] d = names[dialect];
        StringBuilder text = new StringBuilder("\r\n" + pad("Port", 10) + pad("Name", nameWidth) + pad("Status", 13) + "Vlan  Duplex Speed Type\r\n");
        text.append("-".repeat(10 + nameWidth + 30)).append("\r\n");
        Map<String, Boolean> expected = new LinkedHashMap<>();
        for (Row r : rows) {
            text.append(pad(d[1] + r.number(), 10)).append(pad(r.description(), nameWidth)).append(pad(r.status(), 13))
                    .append("1     full   10G   10GBASE-T\r\n");
            expected.put(d[2] + r.number(), r.status().equals("connected"));
        }
        assertEquals(expected, InterfaceStatus.parse(d[0], text.toString()), text.toString());
    }

    /**
     * Dell OS10's table of the same command: between dashed lines, ports as {@code Eth 1/1/N} and
     * {@code Po N} (a blank inside the name), descriptions cut to 15 characters, {@code up} for link.
     */
    @Property(tries = 300)
    void os10RowsReadBackUnderTheirHeader(@ForAll("rows") List<Row> rows) {
        String dashes = "-".repeat(98);
        String f = "%-16s%-16s%-9s%-9s%-9s%-5s%-5s%s";
        StringBuilder text = new StringBuilder(dashes + "\n"
                + String.format(f, "Port", "Description", "Status", "Speed", "Duplex", "Mode", "Vlan", "Tagged-Vlans") + "\n" + dashes + "\n");
        Map<String, Boolean> expected = new LinkedHashMap<>();
        for (Row r : rows) {
            boolean lag = r.number() % 7 == 0;
            boolean up = r.status().equals("connected");
            String d = r.description().length() > 15 ? r.description().substring(0, 13) + ".." : r.description();
            text.append(String.format(f, (lag ? "Po " : "Eth 1/1/") + r.number(), d, up ? "up" : "down", up ? "25G" : "0", "full", "A",
                    "1", "-").stripTrailing()).append("\n");
            expected.put((lag ? "port-channel" : "ethernet1/1/") + r.number(), up);
        }
        assertEquals(expected, InterfaceStatus.parse("dell_os10", text.toString()), text.toString());
    }

    @Property(tries = 300)
    void anythingElseIsAnIllegalArgumentNotACrash(@ForAll("garbage") String text, @ForAll @IntRange(min = 0, max = 3) int dialect) {
        try {
            InterfaceStatus.parse(List.of("cisco_ios", "arista_eos", "cisco_nxos", "dell_os10").get(dialect), text);
        } catch (IllegalArgumentException expected) {
            // the session makes it a DeviceException naming the switch
        }
    }

    @Provide
    Arbitrary<String> garbage() {
        String table = "Port      Name               Status       Vlan       Duplex Speed  Type\n"
                + "Gi1/0/1   node-a             connected    100        full   10G    10GBASE-T\n"
                + "Eth 1/1/2                 up       25G      full     A    1    -\n";
        Arbitrary<String> cut = Arbitraries.integers().between(0, table.length()).map(n -> table.substring(0, n));
        Arbitrary<String> noise = Arbitraries.strings().withChars("PortStaus Eth1/-\n\tconectdup").ofMaxLength(120);
        return Arbitraries.oneOf(cut, noise, noise.map(n -> table.substring(0, table.indexOf('\n') + 1) + n));
    }

    @Property(tries = 50)
    void aTableWithoutItsHeaderIsRefused(@ForAll("rows") List<Row> rows) {
        StringBuilder text = new StringBuilder();
        rows.forEach(r -> text.append("Et").append(r.number()).append("  ").append(r.status()).append('\n'));
        assertThrows(IllegalArgumentException.class, () -> InterfaceStatus.parse("arista_eos", text.toString()));
    }

    @Provide
    Arbitrary<List<Row>> rows() {
        Arbitrary<String> description = Arbitraries.oneOf(Arbitraries.just(""),
                Arbitraries.strings().withChars("abcxyz-_ ").ofMaxLength(18).map(String::strip),
                Arbitraries.of("connected to node-a", "notconnect spare", "uplink connected"));
        return Combinators.combine(Arbitraries.integers().between(1, 96), description, Arbitraries.of(STATUSES)).as(Row::new)
                .list().ofMaxSize(24).uniqueElements(Row::number);
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s + " " : s + " ".repeat(w - s.length());
    }
}
