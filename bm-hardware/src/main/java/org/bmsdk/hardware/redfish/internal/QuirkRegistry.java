package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The vendor quirk table, loaded once from {@code quirks.json} beside this class: a {@code generic}
 * entry and one entry per vendor family that overrides some of its values. An entry matches a
 * service root by its {@code Vendor}, by a word of its {@code Product}, or by a key of its
 * {@code Oem} object (older firmware has no Vendor); the first matching entry wins.
 */
public final class QuirkRegistry {

    private static final QuirkRegistry STANDARD = load();

    private final Quirks generic;
    private final List<Entry> entries;

    private QuirkRegistry(Quirks generic, List<Entry> entries) {
        this.generic = generic;
        this.entries = List.copyOf(entries);
    }

    /** @return the table bundled with the driver */
    public static QuirkRegistry standard() {
        return STANDARD;
    }

    /** @return the quirks of a standard-conforming service */
    public Quirks generic() {
        return generic;
    }

    /** @return every vendor entry's quirks, in table order */
    public List<Quirks> vendors() {
        return entries.stream().map(Entry::quirks).toList();
    }

    /**
     * The quirks for a service root.
     *
     * @param root the service root
     * @return the first matching vendor's quirks, else the generic ones
     */
    public Quirks forRoot(Resource root) {
        String vendor = root.text("Vendor").orElse("").strip().toLowerCase(Locale.ROOT);
        String product = root.text("Product").orElse("").toLowerCase(Locale.ROOT);
        Set<String> oem = new LinkedHashSet<>();
        Iterator<String> names = root.at("Oem").fieldNames();
        names.forEachRemaining(n -> oem.add(n.toLowerCase(Locale.ROOT)));
        for (Entry e : entries) {
            if (e.vendors.contains(vendor) || e.oemKeys.stream().anyMatch(oem::contains)
                    || (!product.isEmpty() && e.products.stream().anyMatch(product::contains))) {
                return e.quirks;
            }
        }
        return generic;
    }

    private static QuirkRegistry load() {
        try (InputStream in = QuirkRegistry.class.getResourceAsStream("quirks.json")) {
            if (in == null) {
                throw new IllegalStateException("quirks.json is missing from the driver");
            }
            JsonNode table = Json.read(in);
            Quirks generic = quirks("generic", table.get("generic"), null);
            List<Entry> entries = new ArrayList<>();
            for (JsonNode v : table.get("vendors")) {
                JsonNode match = v.get("match");
                entries.add(new Entry(lower(match.get("vendor")), lower(match.get("product")), lower(match.get("oem")),
                        quirks(v.get("name").textValue(), v, generic)));
            }
            return new QuirkRegistry(generic, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("quirks.json cannot be read", e);
        }
    }

    private static Quirks quirks(String name, JsonNode n, Quirks base) {
        return new Quirks(name,
                n.has("virtualMediaPlacement") ? Quirks.VirtualMediaPlacement.valueOf(n.get("virtualMediaPlacement").textValue())
                        : base.virtualMediaPlacement(),
                n.has("virtualMediaInsert") ? Quirks.VirtualMediaInsert.valueOf(n.get("virtualMediaInsert").textValue())
                        : base.virtualMediaInsert(),
                n.has("virtualMediaTransferProtocol") ? n.get("virtualMediaTransferProtocol").booleanValue()
                        : base.virtualMediaTransferProtocol(),
                n.has("ifMatch") ? Quirks.IfMatch.valueOf(n.get("ifMatch").textValue()) : base.ifMatch(),
                union(base == null ? Set.of() : base.busyMessageIds(), keys(n.get("busyMessageIds"))),
                union(base == null ? Set.of() : base.licenceMessageIds(), keys(n.get("licenceMessageIds"))),
                n.has("tasksVanish") ? n.get("tasksVanish").booleanValue() : base.tasksVanish(),
                n.has("resetTypes") ? resetTypes(n.get("resetTypes"), base) : base.resetTypes(),
                n.has("biosApplyTime") ? n.get("biosApplyTime").textValue() : base.biosApplyTime(),
                n.has("resetBiosBodyFirst") ? n.get("resetBiosBodyFirst").booleanValue() : base.resetBiosBodyFirst());
    }

    private static Map<String, List<String>> resetTypes(JsonNode n, Quirks base) {
        Map<String, List<String>> m = new HashMap<>(base == null ? Map.of() : base.resetTypes());
        n.properties().forEach(f -> {
            List<String> types = new ArrayList<>();
            f.getValue().forEach(t -> types.add(t.textValue()));
            m.put(f.getKey(), List.copyOf(types));
        });
        return m;
    }

    private static Set<String> keys(JsonNode array) {
        Set<String> s = new LinkedHashSet<>();
        if (array != null) {
            array.forEach(e -> s.add(Quirks.key(e.textValue())));
        }
        return s;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return s;
    }

    private static Set<String> lower(JsonNode array) {
        Set<String> s = new LinkedHashSet<>();
        if (array != null) {
            array.forEach(e -> s.add(e.textValue().toLowerCase(Locale.ROOT)));
        }
        return s;
    }

    private record Entry(Set<String> vendors, Set<String> products, Set<String> oemKeys, Quirks quirks) {
    }
}
