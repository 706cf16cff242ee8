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

    private record Route<H>(String template, List<String> parts, Map<String, H> byMethod) {
    }

    private final List<Route<H>> routes = new ArrayList<>();

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
            route = new Route<>(template, parts, new LinkedHashMap<>());
            routes.add(route);
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
        Route<H> best = null;
        Map<String, String> bestParams = null;
        int bestScore = -1;
        for (Route<H> r : routes) {
            Map<String, String> params = match(r.parts(), segments.get());
            if (params != null) {
                int score = r.parts().size() - params.size();
                if (score > bestScore) {
                    best = r;
                    bestParams = params;
                    bestScore = score;
                }
            }
        }
        if (best == null) {
            return new Result<>(null, new Miss(false, List.of()));
        }
        H handler = best.byMethod().get(method);
        if (handler == null) {
            return new Result<>(null, new Miss(true, List.copyOf(new TreeSet<>(best.byMethod().keySet()))));
        }
        return new Result<>(new Match<>(handler, Map.copyOf(bestParams), best.template()), null);
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

    private static Map<String, String> match(List<String> parts, List<String> segments) {
        if (parts.size() != segments.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            String s = segments.get(i);
            if (p.length() > 2 && p.startsWith("{") && p.endsWith("}")) {
                params.put(p.substring(1, p.length() - 1), s);
            } else if (!p.equals(s)) {
                return null;
            }
        }
        return params;
    }
}
