package org.bmsdk.testkit.redfish.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Maps a method and a path to a handler. Routes are templates of literal segments and
 * {@code {name}} placeholders, each matching exactly one decoded segment; literal segments win
 * over placeholders, so {@code /Sessions/{id}} never shadows a literal sibling.
 *
 * @param <H> the handler type
 */
public final class Router<H> {

    /**
     * A match: the handler, the values of the placeholders and the route's template.
     *
     * @param handler the handler
     * @param params placeholder values by name, decoded
     * @param template the matching template
     * @param <H> the handler type
     */
    public record Match<H>(H handler, Map<String, String> params, String template) {
    }

    /**
     * Why no handler was found: no route has this path, or a route has it but not this method.
     *
     * @param pathKnown whether some route has the path
     * @param allowed the methods the path allows, when it is known
     */
    public record Miss(boolean pathKnown, List<String> allowed) {
    }

    /**
     * A route; {@code names[i]} is the placeholder name of segment i, or null for a literal, and
     * {@code score} the number of literal segments (more literals win).
     */
    private record Route<H>(String template, List<String> parts, Map<String, H> byMethod, String[] names, int score) {
    }

    private final List<Route<H>> routes = new ArrayList<>();
    /**
     * The routes by their number of segments, in the order they were added: a request is only ever
     * compared with routes of its own length. A simulator host serves thousands of BMCs, each with its
     * own router, so a request must touch as little of its router as it can.
     */
    private final Map<Integer, List<Route<H>>> bySize = new java.util.HashMap<>();

    /**
     * Adds a handler.
     *
     * @param method the HTTP method, upper case
     * @param template the path template, such as {@code /redfish/v1/Systems/{system}}
     * @param handler the handler
     * @return this router
     * @throws IllegalArgumentException when the template and method already have a handler
     */
    public Router<H> add(String method, String template, H handler) {
        Objects.requireNonNull(handler, "handler");
        List<String> parts = Paths.segments(template).orElseThrow(
                () -> new IllegalArgumentException("not a path template: " + template));
        Route<H> route = routes.stream().filter(r -> r.parts().equals(parts)).findFirst().orElse(null);
        if (route == null) {
            String[] names = new String[parts.size()];
            int literals = 0;
            for (int i = 0; i < names.length; i++) {
                String p = parts.get(i);
                if (p.length() > 2 && p.startsWith("{") && p.endsWith("}")) {
                    names[i] = p.substring(1, p.length() - 1);
                } else {
                    literals++;
                }
            }
            route = new Route<>(template, parts, new LinkedHashMap<>(), names, literals);
            routes.add(route);
            bySize.computeIfAbsent(parts.size(), n -> new ArrayList<>()).add(route);
        }
        if (route.byMethod().putIfAbsent(method, handler) != null) {
            throw new IllegalArgumentException(method + " " + template + " has a handler already");
        }
        return this;
    }

    /**
     * Finds the handler for a request.
     *
     * @param method the HTTP method
     * @param target the request target
     * @return the match, or why there is none
     */
    public Result<H> route(String method, String target) {
        Optional<List<String>> segments = Paths.segments(target);
        if (segments.isEmpty()) {
            return new Result<>(null, new Miss(false, List.of()));
        }
        List<String> segs = segments.get();
        Route<H> best = null;
        for (Route<H> r : bySize.getOrDefault(segs.size(), List.of())) {
            if ((best == null || r.score() > best.score()) && matches(r, segs)) {
                best = r;
            }
        }
        if (best == null) {
            return new Result<>(null, new Miss(false, List.of()));
        }
        H handler = best.byMethod().get(method);
        if (handler == null) {
            return new Result<>(null, new Miss(true, List.copyOf(new TreeSet<>(best.byMethod().keySet()))));
        }
        return new Result<>(new Match<>(handler, params(best, segs), best.template()), null);
    }

    /**
     * A routing outcome: exactly one of match and miss is set.
     *
     * @param match the match, or null
     * @param miss why there is no match, or null
     * @param <H> the handler type
     */
    public record Result<H>(Match<H> match, Miss miss) {
    }

    /** Whether every literal segment of the route equals the request's (placeholders match anything). */
    private static boolean matches(Route<?> r, List<String> segments) {
        for (int i = 0; i < r.names().length; i++) {
            if (r.names()[i] == null && !r.parts().get(i).equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, String> params(Route<?> r, List<String> segments) {
        if (r.score() == r.names().length) {
            return Map.of();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < r.names().length; i++) {
            if (r.names()[i] != null) {
                params.put(r.names()[i], segments.get(i));
            }
        }
        return Map.copyOf(params);
    }
}
