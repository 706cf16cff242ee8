package org.bmsdk.api.capability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bmsdk.api.ConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequirementsParseTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cpu.cores >= 32                                   | cpu.cores >= 32",
        "CPU.Cores>=32                                     | cpu.cores >= 32",
        "cpu.threads > 63                                  | cpu.threads > 63",
        "cpu.arch == x86_64                                | cpu.arch == x86_64",
        "arch in (x86_64, aarch64)                         | cpu.arch in (x86_64, aarch64)",
        "arch == AMD64                                     | cpu.arch == x86_64",
        "cpu.model == 'Intel(R) Xeon(R) Gold 6348'         | cpu.model == 'Intel(R) Xeon(R) Gold 6348'",
        "memory >= 256GiB                                  | memory >= 256GiB",
        "memory >= 256 gib                                 | memory >= 256GiB",
        "memory >= 262144MiB                               | memory >= 256GiB",
        "memory <= 1.5TB                                   | memory <= 1500GB",
        "disk.media == ssd AND disk.size >= 1TB            | disk.media == SSD and disk.size >= 1TB",
        "disk.protocol in (sas, SATA)                      | disk.protocol in (SAS, SATA)",
        "disk.total >= 4TB                                 | disk.total >= 4TB",
        "nic.speed >= 25G                                  | nic.speed >= 25G",
        "nic.speed >= 25Gbps                               | nic.speed >= 25G",
        "nic.speed >= 25GbE                                | nic.speed >= 25G",
        "nic.speed >= 10000                                | nic.speed >= 10G",
        "nic.speed >= 2.5G                                 | nic.speed >= 2500M",
        "nic.speed == 100M                                 | nic.speed == 100M",
        "nic.speed >= 0.4T                                 | nic.speed >= 400G",
        "nic.type == infiniband                            | nic.type == InfiniBand",
        "nic.roce == TRUE and nic.rdma != false            | nic.roce == true and nic.rdma != false",
        "count(disk.media == nvme) >= 2                    | count(disk.media == NVMe) >= 2",
        "count( nic.speed >= 100G and nic.type == Ethernet ) >= 2 | count(nic.speed >= 100G and nic.type == Ethernet) >= 2",
        "count(DISK) in (2, 4)                             | count(disk) in (2, 4)",
        "trait CUSTOM_GPU_A100                             | trait CUSTOM_GPU_A100",
        "NOT TRAIT CUSTOM_SLOW                             | not trait CUSTOM_SLOW",
        "resource_class == baremetal-gpu                   | resource_class == baremetal-gpu",
        "resource_class == \"gpu large\"                   | resource_class == 'gpu large'",
        "resource_class == ''                              | resource_class == ''",
        "resource_class == 1u-small                        | resource_class == '1u-small'",
    })
    void writesTheCanonicalText(String text, String canonical) {
        Requirements r = Requirements.parse(text);
        assertEquals(canonical, r.toString());
        assertEquals(r, Requirements.parse(r.toString()));
    }

    @Test
    void blankIsNone() {
        assertEquals(Requirements.none(), Requirements.parse("  \t\n"));
        assertTrue(Requirements.parse("").isEmpty());
        assertEquals("", Requirements.none().toString());
    }

    @Test
    void listsTheConditionsInTheirOrder() {
        Requirements r = Requirements.parse("memory >= 1TiB and disk.media == SSD and trait X");
        assertEquals(List.of("memory >= 1TiB", "disk.media == SSD", "trait X"), r.conditions());
    }

    @Test
    void sizeUnitsAreSiAndIec() {
        assertEquals(Requirements.parse("disk.size == 1000000000000B"), Requirements.parse("disk.size == 1TB"));
        assertEquals(Requirements.parse("disk.size == 1099511627776B"), Requirements.parse("disk.size == 1TiB"));
        assertEquals(Requirements.parse("disk.size == 1024GiB"), Requirements.parse("disk.size == 1TiB"));
        assertEquals(Requirements.parse("disk.size == 1000GB"), Requirements.parse("disk.size == 1TB"));
        assertEquals(Requirements.parse("disk.size == 1.5TB"), Requirements.parse("disk.size == 1500000MB"));
        assertEquals(Requirements.parse("memory == 0.5KiB"), Requirements.parse("memory == 512B"));
        assertEquals(Requirements.parse("memory == 1PiB"), Requirements.parse("memory == 1125899906842624B"));
        assertEquals(Requirements.parse("memory == 1PB"), Requirements.parse("memory == 1000TB"));
        assertEquals("memory == 1PB", Requirements.parse("memory == 1000TB").toString());
    }

    @Test
    void aBadUnitIsNamedWhereItStands() {
        RequirementSyntaxException e = assertThrows(RequirementSyntaxException.class, () -> Requirements.parse("memory >= 256GX"));
        assertEquals(13, e.position());
        assertEquals("GX", e.token());
        assertEquals("memory >= 256GX", e.input());
        assertEquals("expected a unit (B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB) after 256", e.reason());
        assertEquals("expected a unit (B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB) after 256 at position 13: 'GX'\n"
                + "  memory >= 256GX\n"
                + "               ^", e.getMessage());
        assertTrue(e instanceof ConfigurationException);
        assertTrue(!e.isRetryable());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "memory >= 256                      | 13 | ``          | expected a unit",
        "memory >= 256 and cpu.cores >= 1   | 14 | and         | expected a unit",
        "memory >= 1.1KiB                   | 10 | 1.1KiB      | expected a whole number of bytes",
        "memory >= 99999999PB               | 10 | 99999999PB  | too large",
        "cpu.cores >= 3.5                   | 13 | 3.5         | expected a whole number",
        "cpu.cores >= 32x                   | 13 | 32x         | expected a whole number",
        "cpu.core >= 32                     | 0  | cpu.core    | unknown field",
        "cpu.cores => 32                    | 10 | =           | expected an operator",
        "cpu.cores = 32                     | 10 | =           | expected an operator",
        "cpu.cores 32                       | 10 | 32          | expected an operator",
        "cpu.arch >= x86_64                 | 9  | >=          | cpu.arch can only be compared with ==, != or in",
        "disk.media == SDD                  | 14 | SDD         | expected a disk media (HDD, SSD, NVMe)",
        "nic.type == IB                     | 12 | IB          | expected a link type (Ethernet, InfiniBand)",
        "nic.roce == yes                    | 12 | yes         | expected true or false",
        "nic.speed >= 25Q                   | 15 | Q           | expected a unit (M, Mb, Mbps",
        "nic.speed >= fast                  | 13 | fast        | expected a speed",
        "cpu.cores >= 32 or memory >= 1GiB  | 16 | or          | expected 'and' or the end",
        "cpu.cores >= 32 and                | 19 | ``          | expected a condition",
        "arch in (x86_64 aarch64)           | 16 | aarch64     | expected ',' or ')'",
        "arch in x86_64                     | 8  | x86_64      | expected '('",
        "count(disk.media == NVMe >= 2      | 25 | >=          | expected 'and' or ')'",
        "count(disk.media == NVMe and nic.type == Ethernet) >= 2 | 29 | nic.type | count() counts one kind of device",
        "count(memory >= 1GiB) >= 1         | 6  | memory      | expected disk, nic",
        "count(disk) >= 2GiB                | 15 | 2GiB        | expected a whole number",
        "not memory >= 1GiB                 | 4  | memory      | expected 'trait' after 'not'",
        "trait 'CUSTOM_X'                   | 6  | 'CUSTOM_X'  | expected a trait name",
        "resource_class == 'gpu             | 18 | '           | unterminated string",
        "memory >= 1GiB; cpu.cores >= 2     | 14 | ;           | unexpected character",
        "arch == ''                         | 8  | ''          | expected an architecture",
    })
    void errorsPointAtTheBadToken(String text, int position, String token, String reason) {
        RequirementSyntaxException e = assertThrows(RequirementSyntaxException.class, () -> Requirements.parse(text.strip()));
        assertEquals(position, e.position(), e::getMessage);
        assertEquals(token, e.token(), e::getMessage);
        assertTrue(e.reason().startsWith(reason), e::getMessage);
        String[] lines = e.getMessage().split("\n");
        assertEquals(3, lines.length, e::getMessage);
        assertEquals(2 + position, lines[2].indexOf('^'), e::getMessage);
    }

    @Test
    void theExcerptOfALongInputIsAWindowAroundTheError() {
        String text = "memory >= 1GiB and ".repeat(50) + "bogus == 1";
        RequirementSyntaxException e = assertThrows(RequirementSyntaxException.class, () -> Requirements.parse(text));
        String[] lines = e.getMessage().split("\n");
        assertTrue(lines[1].length() < 80, lines[1]);
        assertEquals("bogus", lines[1].substring(lines[2].indexOf('^'), lines[2].indexOf('^') + 5));
    }

    @Test
    void rejectsNull() {
        assertThrows(NullPointerException.class, () -> Requirements.parse(null));
    }

    @Test
    void andJoinsTheConditions() {
        Requirements a = Requirements.parse("disk.media == SSD");
        Requirements b = Requirements.parse("disk.size >= 1TB");
        assertEquals(Requirements.parse("disk.media == SSD and disk.size >= 1TB"), a.and(b));
        assertEquals(a, a.and(Requirements.none()));
        assertEquals(Requirements.none(), Requirements.none().and(Requirements.none()));
    }
}
