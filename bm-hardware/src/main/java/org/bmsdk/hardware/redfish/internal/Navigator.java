package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bmsdk.api.ErrorContext;

/**
 * Walks Redfish collections by their links: members, and further pages through
 * {@code Members@odata.nextLink}, with a bound on pages and a guard against a next link that leads
 * back (a BMC that ignores {@code $skiptoken} would otherwise be read forever).
 */
public final class Navigator {

    private static final int MAX_PAGES = 100;

    private Navigator() {
    }

    /**
     * The member links of a collection, every page.
     *
     * @param http the BMC
     * @param ctx where
     * @param collection the collection's path
     * @return the member paths, without duplicates
     */
    public static List<String> memberLinks(RedfishHttp http, ErrorContext ctx, String collection) {
        Set<String> out = new LinkedHashSet<>();
        for (Resource page : pages(http, ctx, collection)) {
            out.addAll(page.links("Members"));
        }
        return new ArrayList<>(out);
    }

    /**
     * The members of a collection as resources: inline ones as given when they carry more than a
     * link (log entries often do), the others read one by one.
     *
     * @param http the BMC
     * @param ctx where
     * @param collection the collection's path
     * @return the members
     */
    public static List<Resource> members(RedfishHttp http, ErrorContext ctx, String collection) {
        List<Resource> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Resource page : pages(http, ctx, collection)) {
            JsonNode members = page.at("Members");
            if (!members.isArray()) {
                continue;
            }
            for (JsonNode m : members) {
                Resource inline = page.nested(m);
                Optional<String> link = inline.link();
                if (link.isEmpty() || !seen.add(link.get())) {
                    continue;
                }
                out.add(expanded(m) ? inline : http.get(ctx, link.get()));
            }
        }
        return out;
    }

    /** A member given whole (log entries often are), not just a link with its OData annotations. */
    private static boolean expanded(JsonNode member) {
        java.util.Iterator<String> names = member.fieldNames();
        while (names.hasNext()) {
            if (!names.next().startsWith("@")) {
                return true;
            }
        }
        return false;
    }

    private static List<Resource> pages(RedfishHttp http, ErrorContext ctx, String collection) {
        List<Resource> pages = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        String next = collection;
        while (next != null && visited.add(next) && pages.size() < MAX_PAGES) {
            Resource page = http.get(ctx, next);
            pages.add(page);
            next = page.text("Members@odata.nextLink").or(() -> page.text("@odata.nextLink")).orElse(null);
            if (next != null && page.links("Members").isEmpty()) {
                next = null;
            }
        }
        return pages;
    }
}
