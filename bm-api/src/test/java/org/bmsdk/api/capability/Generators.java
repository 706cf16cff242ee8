package org.bmsdk.api.capability;

import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.api.model.Nic;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;

/** jqwik generators of requirements, as the parser would build them, and of machines to match. */
final class Generators {

    private Generators() {
    }

    // ---- requirements ------------------------------------------------------------------------

    static Arbitrary<Requirements> requirements() {
        return condition().list().ofMaxSize(6).map(Requirements::new);
    }

    static Arbitrary<Condition> condition() {
        Arbitrary<Condition> comparison = comparison(Arbitraries.of(Field.values())).map(Condition.class::cast);
        Arbitrary<Condition> trait = Combinators.combine(word(), Arbitraries.of(true, false)).as(Condition.HasTrait::new);
        return Arbitraries.frequencyOf(Tuple.of(6, comparison), Tuple.of(1, trait), Tuple.of(2, count()));
    }

    private static Arbitrary<Condition> count() {
        return Arbitraries.of(Field.Scope.DISK, Field.Scope.NIC).flatMap(scope -> {
            Arbitrary<Field> fields = Arbitraries.of(List.of(Field.values()).stream().filter(f -> f.scope() == scope).toList());
            Arbitrary<List<Condition.Comparison>> filter = comparison(fields).list().ofMaxSize(3);
            return Arbitraries.of(Op.values()).flatMap(op ->
                    Combinators.combine(filter, values(Kind.COUNT, op)).as((f, v) -> new Condition.Count(scope, f, op, v)));
        });
    }

    static Arbitrary<Condition.Comparison> comparison(Arbitrary<Field> fields) {
        return fields.flatMap(field -> Arbitraries.of(Op.values())
                .filter(op -> field.kind().ordered() || !op.ordering())
                .flatMap(op -> values(field.kind(), op).map(v -> new Condition.Comparison(field, op, v))));
    }

    private static Arbitrary<List<Value>> values(Kind kind, Op op) {
        Arbitrary<Value> one = value(kind);
        return op == Op.IN ? one.list().ofMinSize(1).ofMaxSize(4) : one.map(List::of);
    }

    static Arbitrary<Value> value(Kind kind) {
        switch (kind) {
            case COUNT:
            case SIZE:
            case SPEED:
                return Arbitraries.oneOf(
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.longs().between(0, 4096).map(n -> n << 30),
                        Arbitraries.longs().between(0, 4096).map(n -> n * 1_000_000_000L),
                        Arbitraries.longs().between(0, 400).map(n -> n * 1000))
                        .map(Value::of);
            case ARCH:
                return text().map(Cpu::normaliseArch).filter(a -> !a.isEmpty()).map(Value::of);
            case MODEL:
            case RESOURCE_CLASS:
                return text().map(Value::of);
            default:
                return Arbitraries.of(kind.choices()).map(Value::of);
        }
    }

    /** Words, and strings that must be quoted; never with both quote characters, which nothing can parse. */
    private static Arbitrary<String> text() {
        return Arbitraries.oneOf(
                word(),
                Arbitraries.of("x86_64", "AMD64", "aarch64", "baremetal-gpu", "Intel(R) Xeon(R) Gold 6348", "and", "in", ""),
                Arbitraries.strings().ofMaxLength(12))
                .filter(s -> s.indexOf('\'') < 0 || s.indexOf('"') < 0);
    }

    static Arbitrary<String> word() {
        Arbitrary<Character> first = Arbitraries.chars().range('a', 'z').range('A', 'Z').with('_');
        Arbitrary<String> rest = Arbitraries.strings().alpha().numeric().withChars("_.-").ofMaxLength(12);
        return Combinators.combine(first, rest).as((f, r) -> f + r);
    }

    // ---- machines ----------------------------------------------------------------------------

    static Arbitrary<HardwareInventory> inventory() {
        Arbitrary<List<Cpu>> cpus = cpu().list().ofMaxSize(3);
        Arbitrary<Long> memory = Arbitraries.longs().between(0, 4L << 20);
        Arbitrary<List<Disk>> disks = disk().list().ofMaxSize(5);
        Arbitrary<List<Nic>> nics = nic().list().ofMaxSize(4);
        Arbitrary<List<String>> traits = Arbitraries.of("CUSTOM_GPU_A100", "CUSTOM_FPGA", "CUSTOM_SLOW").list().ofMaxSize(2);
        return Combinators.combine(cpus, memory, disks, nics, traits).as((c, m, d, n, t) -> {
            HardwareInventory.Builder b = HardwareInventory.builder().memoryMib(m);
            c.forEach(b::cpu);
            d.forEach(b::disk);
            n.forEach(b::nic);
            t.forEach(b::trait);
            return b.build();
        });
    }

    static Arbitrary<Cpu> cpu() {
        return Combinators.combine(Arbitraries.of("x86_64", "aarch64"), Arbitraries.integers().between(1, 128), Arbitraries.of(1, 2))
                .as((arch, cores, smt) -> new Cpu(arch, "model " + arch, cores, cores * smt));
    }

    static Arbitrary<Disk> disk() {
        return Combinators.combine(Arbitraries.of(DiskMedia.values()), Arbitraries.of(DiskProtocol.values()),
                        Arbitraries.longs().between(0, 16L << 40))
                .as((media, protocol, size) -> new Disk("disk", media, protocol, size, ""));
    }

    static Arbitrary<Nic> nic() {
        return Combinators.combine(Arbitraries.of(0L, 1_000L, 10_000L, 25_000L, 100_000L, 400_000L),
                        Arbitraries.of(LinkType.values()), Arbitraries.of(true, false))
                .as((speed, type, rdma) -> new Nic("nic", MacAddress.of("02:00:00:00:00:01"), speed, type, rdma));
    }

    /** Nodes with distinct ids; names repeat on purpose, so that the id must break ties. */
    static Arbitrary<List<Node>> nodes() {
        Arbitrary<Tuple.Tuple2<HardwareInventory, String>> one = Combinators.combine(inventory(), Arbitraries.of("a", "b", "c")).as(Tuple::of);
        return one.list().ofMaxSize(12).map(list -> IntStream.range(0, list.size())
                .mapToObj(i -> Node.builder(NodeId.of("node-" + i)).name(list.get(i).get2()).inventory(list.get(i).get1()).build())
                .toList());
    }
}
