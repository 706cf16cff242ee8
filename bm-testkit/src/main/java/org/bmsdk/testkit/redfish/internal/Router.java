package org.bmsdk.testkit.redfish.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

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
     * What matching needs of the routes (their segments, placeholders and scores), shared by every
     * router with the same templates in the same order: a simulator host serves thousands of BMCs,
     * each with its own router, and a request compared with its own BMC's copy of sixty templates
     * touched that many cold objects; the shared copy stays in the caches. Made on the first request.
     */
    private volatile Shape shape;

    /** Shapes by their templates in order; a handful per process (one per kind of BMC). */
    private static final Map<List<String>, Shape> SHAPES = new ConcurrentHashMap<>();

    /**
     * The matching part of a list of routes, by route index: literal segments (null for a
     * placeholder), placeholder names (null for a literal), the score, and the indexes of the routes
     * of each length, in the order they were added (a request is only ever compared with routes of
     * its own length).
     */
    private static final class Shape {
        final String[][] literals;
        final String[][] names;
        final int[] scores;
        final Map<Integer, int[]> bySize;

        Shape(List<? extends Route<?>> routes) {
            int n = routes.size();
            literals = new String[n][];
            names = new String[n][];
            scores = new int[n];
            Map<Integer, List<Integer>> sizes = new HashMap<>();
            for (int i = 0; i < n; i++) {
                Route<?> r = routes.get(i);
                names[i] = r.names().clone();
                literals[i] = new String[names[i].length];
                for (int k = 0; k < names[i].length; k++) {
                    literals[i][k] = names[i][k] == null ? r.parts().get(k) : null;
                }
                scores[i] = r.score();
                sizes.computeIfAbsent(names[i].length, x -> new ArrayList<>()).add(i);
            }
            Map<Integer, int[]> by = new HashMap<>();
            sizes.forEach((size, idx) -> by.put(size, idx.stream().mapToInt(Integer::intValue).toArray()));
            bySize = by;
        }

        /** Whether every literal segment of route i equals the request's (placeholders match anything). */
        boolean matches(int i, List<String> segments) {
            String[] lit = literals[i];
            for (int k = 0; k < lit.length; k++) {
                if (lit[k] != null && !lit[k].equals(segments.get(k))) {
                    return false;
                }
            }
            return true;
        }
    }

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
            shape = null;
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
        Shape sh = shape();
        int best = -1;
        for (int i : sh.bySize.getOrDefault(segs.size(), NONE)) {
            if ((best < 0 || sh.scores[i] > sh.scores[best]) && sh.matches(i, segs)) {
                best = i;
            }
        }
        if (best < 0) {
            return new Result<>(null, new Miss(false, List.of()));
        }
        Route<H> route = routes.get(best);
        H handler = route.byMethod().get(method);
        if (handler == null) {
            return new Result<>(null, new Miss(true, List.copyOf(new TreeSet<>(route.byMethod().keySet()))));
        }
        return new Result<>(new Match<>(handler, params(sh, best, segs), route.template()), null);
    }

    private static final int[] NONE = new int[0];

    private Shape shape() {
        Shape sh = shape;
        if (sh == null) {
            List<String> templates = routes.stream().map(Route::template).toList();
            sh = SHAPES.computeIfAbsent(templates, t -> new Shape(routes));
            shape = sh;
        }
        return sh;
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

    private static Map<String, String> params(Shape sh, int route, List<String> segments) {
        String[] names = sh.names[route];
        if (sh.scores[route] == names.length) {
            return Map.of();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            if (names[i] != null) {
                params.put(names[i], segments.get(i));
            }
        }
        return Map.copyOf(params);
    }
}
