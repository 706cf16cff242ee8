package org.bmsdk.api.capability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.Node;

/**
 * What a flavor asks of a machine, such as {@code cpu.cores >= 32 and memory >= 256GiB and
 * disk.media == SSD and disk.size >= 1TB and trait CUSTOM_GPU_A100}: parsed once, then matched
 * against inventories, explained when a machine falls short, and used to rank the machines that fit.
 *
 * <h2>Grammar</h2>
 *
 * <pre>{@code
 * requirements = [ condition ( "and" condition )* ]
 * condition    = field comparison
 *              | "trait" NAME
 *              | "not" "trait" NAME
 *              | "count" "(" selector ")" comparison
 * selector     = "disk" | "nic" | field comparison ( "and" field comparison )*
 * comparison   = ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) value
 *              | "in" "(" value ( "," value )* ")"
 * }</pre>
 *
 * <p>Conditions are joined by {@code and} only; there is no {@code or} (write {@code in (...)} for
 * a choice of values) and no parentheses for grouping. Keywords ({@code and}, {@code in},
 * {@code not}, {@code trait}, {@code count}), field names and the words of closed sets
 * ({@code SSD}, {@code InfiniBand}, {@code true}) ignore case; spaces between tokens are optional. An
 * empty or blank text is {@link #none()}.
 *
 * <table>
 * <caption>Fields</caption>
 * <tr><th>field</th><th>value</th><th>read from</th></tr>
 * <tr><td>{@code cpu.cores}, {@code cpu.threads}</td><td>whole number</td><td>the sum over all sockets</td></tr>
 * <tr><td>{@code cpu.arch} (also {@code arch})</td><td>word, normalised as {@link org.bmsdk.api.model.Cpu#normaliseArch(String)}
 *     does ({@code amd64} is {@code x86_64})</td><td>every socket</td></tr>
 * <tr><td>{@code cpu.model}</td><td>string, compared ignoring case and outer spaces</td><td>every socket</td></tr>
 * <tr><td>{@code memory}</td><td>size</td><td>installed memory</td></tr>
 * <tr><td>{@code disk.total}</td><td>size</td><td>the sum of all disks</td></tr>
 * <tr><td>{@code resource_class}</td><td>string, compared as Placement does ({@code baremetal-gpu} equals
 *     {@code CUSTOM_BAREMETAL_GPU})</td><td>the node; {@code ""} for a bare inventory</td></tr>
 * <tr><td>{@code disk.media}</td><td>{@code HDD}, {@code SSD}, {@code NVMe}</td><td>one disk</td></tr>
 * <tr><td>{@code disk.protocol}</td><td>{@code SATA}, {@code SAS}, {@code NVMe}</td><td>one disk</td></tr>
 * <tr><td>{@code disk.size}</td><td>size</td><td>one disk</td></tr>
 * <tr><td>{@code nic.speed}</td><td>speed</td><td>one NIC</td></tr>
 * <tr><td>{@code nic.type}</td><td>{@code Ethernet}, {@code InfiniBand}</td><td>one NIC</td></tr>
 * <tr><td>{@code nic.roce}</td><td>{@code true}, {@code false}: RDMA over Converged Ethernet</td><td>one NIC</td></tr>
 * <tr><td>{@code nic.rdma}</td><td>{@code true}, {@code false}: RoCE or InfiniBand</td><td>one NIC</td></tr>
 * </table>
 *
 * <p>Numbers (whole numbers, sizes, speeds) take all six operators and {@code in}; the other
 * fields take {@code ==}, {@code !=} and {@code in}. A condition on a CPU field holds when every
 * socket satisfies it, and never on a machine with no CPU.
 *
 * <h2>Values</h2>
 *
 * <ul>
 *   <li>A <em>size</em> is a decimal number and a unit, with or without a space between:
 *       {@code B}; {@code KB}, {@code MB}, {@code GB}, {@code TB}, {@code PB} are 10<sup>3</sup> to
 *       10<sup>15</sup> bytes; {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB}, {@code PiB} are
 *       2<sup>10</sup> to 2<sup>50</sup> bytes. Units ignore case. The unit is required, so that
 *       {@code memory >= 256} is an error rather than 256 bytes. The value must come to a whole
 *       number of bytes: {@code 1.5TB} is fine, {@code 1.1KiB} is an error.
 *   <li>A <em>speed</em> is in Mb/s: a number alone ({@code 10000}), or with {@code M}, {@code Mb},
 *       {@code Mbps}, {@code MbE} (&times;1), {@code G}, {@code Gb}, {@code Gbps}, {@code GbE}
 *       (&times;1000) or {@code T}, {@code Tb}, {@code Tbps}, {@code TbE} (&times;10<sup>6</sup>),
 *       case ignored (so {@code 25GB} reads as 25 Gb/s), for a whole number of Mb/s ({@code 2.5G}).
 *   <li>A <em>word</em> starts with a letter or {@code _} and goes on with letters, digits,
 *       {@code _}, {@code .} and {@code -} ({@code x86_64}, {@code baremetal-gpu}). Anything else,
 *       such as a CPU model with spaces, is quoted in {@code '...'} or {@code "..."}, without escapes.
 *   <li>A trait NAME is a word, compared exactly (traits such as {@code CUSTOM_GPU_A100} are
 *       upper case by convention); {@code not trait NAME} asks for its absence.
 * </ul>
 *
 * <h2>One disk, one NIC</h2>
 *
 * <p>All the top-level conditions on {@code disk.*} fields, wherever they stand in the text, form
 * one group that a single disk must satisfy together; likewise all those on {@code nic.*} fields.
 * So {@code disk.media == SSD and disk.size >= 1TB} asks for one SSD of at least 1TB, and a machine
 * with a 2TB HDD and a 500GB SSD does not match. {@code disk.total} is a machine field, not part of
 * the group. To ask for several devices, count them: {@code count(disk.media == NVMe) >= 2} counts
 * the disks that satisfy all of its conditions, {@code count(disk) >= 4} counts all disks.
 *
 * <h2>Canonical text</h2>
 *
 * <p>{@link #toString()} writes the conditions in their order, with single spaces, lower-case
 * keywords and field names ({@code cpu.arch} for {@code arch}), the canonical words of closed sets
 * ({@code NVMe}), sizes in the largest unit that divides them exactly ({@code 1536GB} stays,
 * {@code 1024GiB} becomes {@code 1TiB}) and speeds in {@code G} or {@code M}. Parsing it gives an
 * equal {@code Requirements}. Two requirements are equal when their conditions are, in order.
 *
 * <p>Immutable and thread-safe.
 */
public final class Requirements {

    private static final Requirements NONE = new Requirements(List.of());

    private static final Comparator<Node> SMALLEST_FIRST = Comparator
            .comparingLong((Node n) -> n.inventory().memoryMib())
            .thenComparingLong(n -> Subject.of(n).cores())
            .thenComparingLong(n -> Subject.of(n).diskBytes())
            .thenComparing(Node::name)
            .thenComparing(Node::id);

    private final List<Condition> conditions;

    Requirements(List<Condition> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    /**
     * Parses a requirement expression written in the grammar above.
     *
     * @param text the expression; blank for no requirement
     * @return the requirements
     * @throws RequirementSyntaxException when the text does not follow the grammar, naming the
     *     position and the token; no other exception is thrown for any string
     * @throws NullPointerException when {@code text} is null
     */
    public static Requirements parse(String text) {
        Objects.requireNonNull(text, "text");
        List<Condition> parsed = Parser.parse(text);
        return parsed.isEmpty() ? NONE : new Requirements(parsed);
    }

    /**
     * Requirements that every machine meets.
     *
     * @return the empty requirements, whose text is {@code ""}
     */
    public static Requirements none() {
        return NONE;
    }

    /**
     * Both sets of conditions, as if their texts were joined with {@code and}. The disk and NIC
     * conditions of both then form one group each, which one device must meet together.
     *
     * @param other more conditions
     * @return the combined requirements
     */
    public Requirements and(Requirements other) {
        List<Condition> all = new ArrayList<>(conditions);
        all.addAll(other.conditions);
        return all.isEmpty() ? NONE : new Requirements(all);
    }

    /**
     * Whether nothing is required.
     *
     * @return true when every machine matches
     */
    public boolean isEmpty() {
        return conditions.isEmpty();
    }

    /**
     * The conditions in canonical text, one per top-level {@code and} operand, in their order.
     *
     * @return the conditions, such as {@code [memory >= 256GiB, disk.media == SSD]}
     */
    public List<String> conditions() {
        return conditions.stream().map(Condition::toString).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Whether a machine meets every condition. A {@code resource_class} condition sees the
     * resource class {@code ""}, because an inventory alone has none.
     *
     * @param inventory what the machine is made of
     * @return true when it fits
     */
    public boolean matches(HardwareInventory inventory) {
        return Matcher.matches(conditions, Subject.of(Objects.requireNonNull(inventory, "inventory")));
    }

    /**
     * Whether a node meets every condition, its resource class included. Only what it is made of
     * counts: its provision state, power and maintenance flag are the caller's to filter.
     *
     * @param node the node
     * @return true when it fits
     */
    public boolean matches(Node node) {
        return Matcher.matches(conditions, Subject.of(node));
    }

    /**
     * Why a machine does not fit: one line per failing condition, such as
     * {@code memory >= 256GiB: found 128GiB}, and one per device group that no single device
     * satisfies, such as {@code disk.media == SSD and disk.size >= 1TB: no single disk has all of
     * these; found 2TB HDD SATA, 500GB SSD SATA}.
     *
     * @param inventory what the machine is made of
     * @return the unmet conditions, empty exactly when {@link #matches(HardwareInventory)} is true
     */
    public List<String> unmet(HardwareInventory inventory) {
        return List.copyOf(Matcher.unmet(conditions, Subject.of(Objects.requireNonNull(inventory, "inventory"))));
    }

    /**
     * Why a node does not fit, as {@link #unmet(HardwareInventory)}, its resource class included.
     *
     * @param node the node
     * @return the unmet conditions, empty exactly when {@link #matches(Node)} is true
     */
    public List<String> unmet(Node node) {
        return List.copyOf(Matcher.unmet(conditions, Subject.of(node)));
    }

    /**
     * The nodes that fit, smallest first (see {@link #smallestFirst()}), so that taking the first
     * keeps the big machines free for the flavors that need them.
     *
     * @param nodes candidates
     * @return the matching nodes in order; a new, unmodifiable list
     */
    public List<Node> rank(Collection<Node> nodes) {
        return nodes.stream().filter(this::matches).sorted(smallestFirst()).collect(Collectors.toUnmodifiableList());
    }

    /**
     * Orders nodes by least surplus memory, then least surplus cores, then least surplus disk
     * bytes (over all disks), then name, then id. Surplus is the node's amount less the minimum a
     * requirement asks for; as that minimum is the same for every candidate of one requirement
     * (zero when it asks for none), this is the order of the amounts themselves, and so needs no
     * requirement. A total order: two nodes compare equal only when they have the same id.
     *
     * @return the comparator
     */
    public static Comparator<Node> smallestFirst() {
        return SMALLEST_FIRST;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Requirements r && conditions.equals(r.conditions);
    }

    @Override
    public int hashCode() {
        return conditions.hashCode();
    }

    /**
     * The canonical text, which {@link #parse(String)} reads back to an equal object.
     *
     * @return the text; {@code ""} for {@link #none()}
     */
    @Override
    public String toString() {
        return String.join(" and ", conditions());
    }
}
