package org.bmsdk.api.capability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.Node;

class RequirementsPropertiesTest {

    // ---- the parser fails only with its own exception, pointing at a real token ----------------

    @Property
    void anyStringParsesOrFailsWithASyntaxError(@ForAll String text) {
        parseOrCheckError(text);
    }

    @Property
    void tokenSoupParsesOrFailsWithASyntaxError(@ForAll("tokenSoup") String text) {
        parseOrCheckError(text);
    }

    @Property
    void mutatedRequirementsParseOrFailWithASyntaxError(@ForAll("requirements") Requirements r,
            @ForAll @IntRange(min = 0, max = 10_000) int at, @ForAll char c, @ForAll @IntRange(min = 0, max = 2) int how) {
        String text = r.toString();
        int i = text.isEmpty() ? 0 : at % (text.length() + 1);
        String mutated;
        switch (how) {
            case 0:
                mutated = text.substring(0, i);
                break;
            case 1:
                mutated = text.substring(0, i) + c + text.substring(i);
                break;
            default:
                mutated = i < text.length() ? text.substring(0, i) + text.substring(i + 1) : text;
                break;
        }
        parseOrCheckError(mutated);
    }

    private static void parseOrCheckError(String text) {
        try {
            Requirements r = Requirements.parse(text);
            assertEquals(r, Requirements.parse(r.toString()));
            Statistics.collect("parsed");
        } catch (RequirementSyntaxException e) {
            Statistics.collect(e.reason().replaceAll("[ (].*", ""));
            assertTrue(e.position() >= 0 && e.position() <= text.length(), e::getMessage);
            assertEquals(e.token(), text.substring(e.position(), Math.min(text.length(), e.position() + e.token().length())), e::getMessage);
            assertTrue(!e.token().isEmpty() || text.substring(e.position()).isBlank(), e::getMessage);
            assertEquals(3, e.getMessage().split("\n", -1).length, e::getMessage);
        }
    }

    @Provide
    Arbitrary<String> tokenSoup() {
        Arbitrary<String> token = Arbitraries.of("cpu.cores", "cpu.threads", "cpu.arch", "arch", "cpu.model", "memory", "disk.total",
                "resource_class", "disk.media", "disk.protocol", "disk.size", "nic.speed", "nic.type", "nic.roce", "nic.rdma", "disk",
                "nic", "and", "AND", "or", "not", "trait", "count", "in", "(", ")", ",", "==", "!=", "<", "<=", ">", ">=", "=", "!",
                "32", "0", "1.5", "256GiB", "1TB", "1.1KiB", "99999999999999999999PB", "25G", "25GbE", "10000", "2.5G", "GX", "GiB",
                "SSD", "nvme", "HDD", "SAS", "Ethernet", "InfiniBand", "true", "FALSE", "x86_64", "'a b'", "\"q\"", "'", "\"",
                "CUSTOM_GPU_A100", "baremetal-gpu", "1u-small", ";", "\t", "\u00e9", "\ud83d\ude00", "9223372036854775808");
        return Combinators.combine(token.list().ofMaxSize(14), Arbitraries.of("", " ", "  ").list().ofSize(14))
                .as((tokens, spaces) -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < tokens.size(); i++) {
                        sb.append(tokens.get(i)).append(spaces.get(i));
                    }
                    return sb.toString();
                });
    }

    // ---- canonical text ------------------------------------------------------------------------

    @Provide
    Arbitrary<Requirements> requirements() {
        return Generators.requirements();
    }

    @Property
    void parsingTheCanonicalTextGivesAnEqualRequirement(@ForAll("requirements") Requirements r) {
        String text = r.toString();
        Requirements back = Requirements.parse(text);
        assertEquals(r, back, text);
        assertEquals(text, back.toString());
        assertEquals(r.hashCode(), back.hashCode());
    }

    @Property
    void unmetIsEmptyExactlyWhenItMatches(@ForAll("requirements") Requirements r, @ForAll("inventories") HardwareInventory machine) {
        assertEquals(r.matches(machine), r.unmet(machine).isEmpty(), () -> r + " on " + machine + ": " + r.unmet(machine));
        Statistics.collect(r.matches(machine) ? "matches" : "does not");
    }

    @Provide
    Arbitrary<HardwareInventory> inventories() {
        return Generators.inventory();
    }

    // ---- more hardware never loses a match of an at-least requirement --------------------------

    /** A machine and at-least conditions whose thresholds are drawn near its own amounts, so that most match. */
    @Provide
    Arbitrary<List<Object>> machineAndAtLeast() {
        return Generators.inventory().flatMap(m -> {
            Subject s = Subject.of(m);
            long biggestDisk = m.disks().stream().mapToLong(d -> d.sizeBytes()).max().orElse(0);
            long fastestNic = m.nics().stream().mapToLong(n -> n.speedMbps()).max().orElse(0);
            List<Arbitrary<Condition>> options = List.of(
                    atLeast(Field.CPU_CORES, s.cores()), atLeast(Field.CPU_THREADS, s.threads()),
                    atLeast(Field.MEMORY, s.memoryBytes()), atLeast(Field.DISK_TOTAL, s.diskBytes()),
                    atLeast(Field.DISK_SIZE, biggestDisk), atLeast(Field.NIC_SPEED, fastestNic),
                    Arbitraries.longs().between(0, m.disks().size() + 1L)
                            .map(n -> new Condition.Count(Field.Scope.DISK, List.of(), Op.GE, List.of(Value.of(n)))));
            Arbitrary<Requirements> r = Arbitraries.oneOf(options).list().ofMaxSize(5).map(Requirements::new);
            return r.map(req -> List.of(m, req));
        });
    }

    private static Arbitrary<Condition> atLeast(Field field, long amount) {
        return Arbitraries.longs().between(0, amount + amount / 10 + 1)
                .map(v -> new Condition.Comparison(field, Op.GE, List.of(Value.of(v))));
    }

    @Property
    void moreHardwareKeepsAMatch(@ForAll("machineAndAtLeast") List<Object> case_, @ForAll("growth") Growth growth) {
        HardwareInventory machine = (HardwareInventory) case_.get(0);
        Requirements r = (Requirements) case_.get(1);
        Statistics.collect(r.matches(machine) ? "matches" : "does not");
        if (r.matches(machine)) {
            HardwareInventory bigger = growth.apply(machine);
            assertTrue(r.matches(bigger), () -> r + " on " + bigger + ": " + r.unmet(bigger));
        }
    }

    /** One way to make a machine bigger. */
    interface Growth {
        HardwareInventory apply(HardwareInventory machine);
    }

    @Provide
    Arbitrary<Growth> growth() {
        Arbitrary<Growth> memory = Arbitraries.longs().between(1, 1L << 20)
                .map(mib -> m -> m.toBuilder().memoryMib(m.memoryMib() + mib).build());
        Arbitrary<Growth> socket = Arbitraries.integers().between(1, 64).map(cores -> m -> {
            String arch = m.cpus().isEmpty() ? "x86_64" : m.cpus().get(0).arch();
            return m.toBuilder().cpu(new Cpu(arch, "added", cores, cores)).build();
        });
        Arbitrary<Growth> disk = Generators.disk().map(d -> m -> m.toBuilder().disk(d).build());
        Arbitrary<Growth> nic = Generators.nic().map(n -> m -> m.toBuilder().nic(n).build());
        return Arbitraries.oneOf(memory, socket, disk, nic);
    }

    // ---- ranking -------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Node>> nodes() {
        return Generators.nodes();
    }

    @Provide
    Arbitrary<Requirements> loose() {
        Arbitrary<Condition> loose = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 64).map(c -> new Condition.Comparison(Field.CPU_CORES, Op.GE, List.of(Value.of(c)))),
                Arbitraries.longs().between(0, 2048).map(g -> new Condition.Comparison(Field.MEMORY, Op.GE, List.of(Value.of(g << 30)))),
                Generators.condition());
        return loose.list().ofMaxSize(2).map(Requirements::new);
    }

    @Property
    void rankReturnsExactlyTheMatchingNodesSmallestFirst(@ForAll("loose") Requirements r, @ForAll("nodes") List<Node> nodes,
            @ForAll Random random) {
        List<Node> ranked = r.rank(nodes);
        Statistics.collect(ranked.size() > 1 ? "several match" : ranked.size() == 1 ? "one matches" : "none match");

        Set<Node> expected = new HashSet<>();
        nodes.stream().filter(r::matches).forEach(expected::add);
        assertEquals(expected, new HashSet<>(ranked));
        assertEquals(expected.size(), ranked.size());

        for (int i = 1; i < ranked.size(); i++) {
            assertTrue(KEYS.compare(ranked.get(i - 1), ranked.get(i)) < 0, () -> "out of order: " + ranked);
        }

        List<Node> shuffled = new ArrayList<>(nodes);
        Collections.shuffle(shuffled, random);
        assertEquals(ranked, r.rank(shuffled));
    }

    /** The documented keys, written out independently of the implementation. */
    private static final Comparator<Node> KEYS = (a, b) -> {
        long[] ka = keys(a);
        long[] kb = keys(b);
        for (int i = 0; i < ka.length; i++) {
            if (ka[i] != kb[i]) {
                return Long.compare(ka[i], kb[i]);
            }
        }
        int byName = a.name().compareTo(b.name());
        return byName != 0 ? byName : a.id().value().compareTo(b.id().value());
    };

    private static long[] keys(Node n) {
        HardwareInventory inv = n.inventory();
        long cores = inv.cpus().stream().mapToLong(Cpu::cores).sum();
        return new long[] {inv.memoryMib(), cores, inv.totalDiskBytes()};
    }

    @Property
    void smallestFirstIsATotalOrderAgreeingWithTheKeys(@ForAll("nodes") List<Node> nodes) {
        Comparator<Node> order = Requirements.smallestFirst();
        for (Node a : nodes) {
            for (Node b : nodes) {
                int c = order.compare(a, b);
                assertEquals(Integer.signum(KEYS.compare(a, b)), Integer.signum(c));
                assertEquals(-Integer.signum(order.compare(b, a)), Integer.signum(c));
                assertEquals(a.id().equals(b.id()), c == 0);
            }
        }
    }
}
