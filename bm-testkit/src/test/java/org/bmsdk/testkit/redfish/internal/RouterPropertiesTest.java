package org.bmsdk.testkit.redfish.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** Properties of request path parsing and routing: what clients send reaches the right resource. */
class RouterPropertiesTest {

    private static final Router<String> ROUTER = new Router<String>()
            .add("GET", "/redfish/v1", "root")
            .add("GET", "/redfish/v1/Systems", "systems")
            .add("GET", "/redfish/v1/Systems/{system}", "system")
            .add("PATCH", "/redfish/v1/Systems/{system}", "patch system")
            .add("GET", "/redfish/v1/Systems/{system}/Storage/{storage}/Drives/{drive}", "drive")
            .add("POST", "/redfish/v1/Systems/{system}/Storage/{storage}/Drives/{drive}/Actions/Drive.SecureErase",
                    "erase")
            .add("GET", "/redfish/v1/SessionService/Sessions/{session}", "session")
            .add("POST", "/redfish/v1/SessionService/Sessions", "login")
            .add("GET", "/redfish/v1/Systems/{system}/Bios/Settings", "settings")
            .add("GET", "/redfish/v1/Systems/{system}/Bios", "bios");

    @Provide
    Arbitrary<String> ids() {
        // Any text a device might use as an id: unicode, spaces, slashes, percent signs, dots.
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.equals(".") && !s.equals(".."));
    }

    @Property
    void encodedSegmentsDecodeToThemselves(@ForAll @Size(min = 0, max = 6) List<@StringLength(min = 1, max = 20) String> segments) {
        StringBuilder path = new StringBuilder();
        segments.forEach(s -> path.append('/').append(Paths.encode(s)));
        String target = path.length() == 0 ? "/" : path.toString();
        assertEquals(Optional.of(segments), Paths.segments(target));
    }

    @Property
    void slashesQueriesAndFragmentsDoNotMatter(@ForAll("ids") String id, @ForAll("queries") String query) {
        String path = Paths.join("/redfish/v1/Systems", id);
        List<String> expected = List.of("redfish", "v1", "Systems", id);
        assertEquals(Optional.of(expected), Paths.segments(path));
        assertEquals(Optional.of(expected), Paths.segments(path + "/"));
        assertEquals(Optional.of(expected), Paths.segments(path.replace("/Systems/", "//Systems///")));
        assertEquals(Optional.of(expected), Paths.segments(path + "?" + query));
        assertEquals(Optional.of(expected), Paths.segments(path + "#" + query));
    }

    @Provide
    Arbitrary<String> queries() {
        return Arbitraries.of("", "$expand=.", "$select=PowerState", "only", "a=b&c=%2F");
    }

    @Property
    void everyIdReachesItsResource(@ForAll("ids") String system, @ForAll("ids") String drive) {
        Router.Result<String> r = ROUTER.route("GET", Paths.join("/redfish/v1/Systems", system) + "/Storage/1/Drives/"
                + Paths.encode(drive));
        assertNotNull(r.match());
        assertEquals("drive", r.match().handler());
        assertEquals(Map.of("system", system, "storage", "1", "drive", drive), r.match().params());

        Router.Result<String> erase = ROUTER.route("POST", Paths.join("/redfish/v1/Systems", system)
                + "/Storage/1/Drives/" + Paths.encode(drive) + "/Actions/Drive.SecureErase");
        assertEquals("erase", erase.match().handler());
    }

    @Property
    void aKnownPathWithTheWrongMethodIsA405NotA404(@ForAll("ids") String system) {
        Router.Result<String> r = ROUTER.route("DELETE", Paths.join("/redfish/v1/Systems", system));
        assertNull(r.match());
        assertTrue(r.miss().pathKnown());
        assertEquals(List.of("GET", "PATCH"), r.miss().allowed());
    }

    @Property
    void literalSegmentsWinOverPlaceholders(@ForAll("ids") String system) {
        String bios = Paths.join("/redfish/v1/Systems", system) + "/Bios/Settings";
        assertEquals("settings", ROUTER.route("GET", bios).match().handler());
        assertEquals("login", ROUTER.route("POST", "/redfish/v1/SessionService/Sessions/").match().handler());
    }

    @Property
    void anyTargetGetsAnAnswerNeverAnException(@ForAll String target, @ForAll("methods") String method) {
        Router.Result<String> r = ROUTER.route(method, target);
        assertTrue((r.match() == null) != (r.miss() == null));
    }

    @Provide
    Arbitrary<String> methods() {
        return Arbitraries.of("GET", "POST", "PATCH", "DELETE", "PUT", "HEAD");
    }

    @Property
    void unescapedUnicodeInATargetIsKept(@ForAll("ids") String id) {
        // Some clients send non-ASCII ids unescaped; mixed with escapes they must still decode.
        assertEquals(Optional.of(List.of(id + " x")), Paths.segments("/" + id.replace("%", "%25").replace("/", "%2F")
                .replace("?", "%3F").replace("#", "%23") + "%20x"));
    }

    @Property
    void badPercentEncodingIsNotAPath(@ForAll("ids") String id, @ForAll("badEscapes") String bad) {
        assertEquals(Optional.empty(), Paths.segments("/redfish/v1/Systems/" + Paths.encode(id) + bad));
    }

    @Provide
    Arbitrary<String> badEscapes() {
        return Arbitraries.of("%", "%4", "%G1", "%zz", "%%");
    }

    /**
     * Routers with the same templates share what matching needs (a host of thousands of BMCs has one
     * copy): each must still answer with its own handlers and its own placeholder values.
     */
    @Property
    void routersWithTheSameTemplatesKeepTheirOwnHandlers(@ForAll("ids") String system, @ForAll @IntRange(min = 2, max = 5) int n) {
        List<Router<String>> routers = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            routers.add(new Router<String>()
                    .add("GET", "/redfish/v1/Systems", "systems of " + k)
                    .add("GET", "/redfish/v1/Systems/{system}", "system of " + k)
                    .add("POST", "/redfish/v1/Systems/{system}/Actions/ComputerSystem.Reset", "reset of " + k));
        }
        String path = "/redfish/v1/Systems/" + Paths.encode(system);
        for (int k = n - 1; k >= 0; k--) {
            Router.Match<String> m = routers.get(k).route("GET", path).match();
            assertNotNull(m);
            assertEquals("system of " + k, m.handler());
            assertEquals(Map.of("system", system), m.params());
            assertEquals("reset of " + k, routers.get(k).route("POST", path + "/Actions/ComputerSystem.Reset").match().handler());
        }
    }

    @Property
    void aRouteAddedAfterTheFirstRequestIsRouted(@ForAll("ids") String id) {
        Router<String> router = new Router<String>().add("GET", "/redfish/v1/Managers/{manager}", "manager");
        String path = "/redfish/v1/Managers/" + Paths.encode(id) + "/LogServices";
        assertNull(router.route("GET", path).match());
        router.add("GET", "/redfish/v1/Managers/{manager}/LogServices", "logs");
        assertEquals("logs", router.route("GET", path).match().handler());
        assertEquals("manager", router.route("GET", "/redfish/v1/Managers/" + Paths.encode(id)).match().handler());
    }
}
