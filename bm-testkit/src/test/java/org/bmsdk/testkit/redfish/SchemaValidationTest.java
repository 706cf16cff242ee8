package org.bmsdk.testkit.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SampleRack;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Walks every resource reachable from the service root (every {@code @odata.id}, plus a session, a
 * task and an event subscription created first) and validates each against DMTF's schema for its
 * {@code @odata.type}; error bodies are validated against DMTF's error schema. Zero violations.
 */
class SchemaValidationTest {

    private static RedfishSchemas schemas;

    @BeforeAll
    static void loadSchemas() {
        schemas = RedfishSchemas.load();
    }

    @ParameterizedTest
    @EnumSource(VirtualMediaPlacement.class)
    void everyReachableResourceMatchesItsDmtfSchema(VirtualMediaPlacement placement) {
        List<MachineSpec> rack = SampleRack.machines();
        // hpc-1 has InfiniBand and RoCE; storage-1 has NVMe and SAS HDDs.
        MachineSpec hpc = rack.stream().filter(m -> m.name().equals("hpc-1")).findFirst().orElseThrow();
        MachineSpec storage = rack.stream().filter(m -> m.name().equals("storage-1")).findFirst().orElseThrow()
                .toBuilder().postTime(Duration.ZERO).bootTime(Duration.ZERO).build();
        try (SimulatedMachine m1 = SimulatedMachine.create(hpc);
             SimulatedMachine m2 = SimulatedMachine.create(storage);
             SimulatedRedfish bmc = SimulatedRedfish.start(RedfishSpec.builder().virtualMediaPlacement(placement)
                     .eraseTime(Duration.ofMinutes(5)).build(), m1, m2)) {
            TestClient client = TestClient.basic(bmc);
            m2.powerOn();
            m2.insertVirtualMedia("http://127.0.0.1:9/boot.iso");
            assertEquals(200, client.patchWithEtag("/redfish/v1/Systems/2/Bios/Settings",
                    "{\"Attributes\": {\"ProcVirtualization\": \"Disabled\"}}").status());
            TestClient.Reply login = TestClient.anonymous(bmc).post("/redfish/v1/SessionService/Sessions",
                    "{\"UserName\": \"admin\", \"Password\": \"password\"}");
            assertEquals(201, login.status(), login.body());
            assertEquals(202, client.post("/redfish/v1/Systems/2/Storage/1/Drives/sda/Actions/Drive.SecureErase",
                    "{}").status());
            assertEquals(201, client.post("/redfish/v1/EventService/Subscriptions",
                    "{\"Destination\": \"http://127.0.0.1:9/events\", \"Protocol\": \"Redfish\","
                            + " \"Context\": \"schema-test\"}").status());

            Map<String, List<String>> violations = new LinkedHashMap<>();
            Set<String> seen = walk(client, violations);
            errorBodies(bmc, client, violations);

            StringBuilder report = new StringBuilder();
            violations.forEach((path, v) -> report.append(path).append('\n')
                    .append(String.join("\n", v.stream().map(s -> "    " + s).toList())).append('\n'));
            assertTrue(violations.isEmpty(), violations.size() + " of " + seen.size()
                    + " resources violate DMTF's schemas:\n" + report);
            assertTrue(seen.size() > 60, "walked only " + seen.size() + " resources: " + seen);
            assertTrue(seen.contains("/redfish/v1/TaskService/Tasks/1"), "the task is reachable");
            assertTrue(seen.contains("/redfish/v1/SessionService/Sessions/1"), "the session is reachable");
            assertTrue(seen.contains(bmc.spec().virtualMediaPlacement() == VirtualMediaPlacement.MANAGER
                    ? "/redfish/v1/Managers/2/VirtualMedia/Cd" : "/redfish/v1/Systems/2/VirtualMedia/Cd"));
        }
    }

    /** The validator is not a rubber stamp: each of these broken payloads must be caught. */
    @org.junit.jupiter.api.Test
    void brokenPayloadsAreCaught() throws Exception {
        try (SimulatedMachine m = SimulatedMachine.create(MachineSpec.builder("node-1").build());
             SimulatedRedfish bmc = SimulatedRedfish.start(RedfishSpec.defaults(), m)) {
            TestClient client = TestClient.basic(bmc);
            JsonNode system = client.get("/redfish/v1/Systems/1").json();
            assertTrue(schemas.validateResource(system).isEmpty());
            Map<String, java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode>> breakages =
                    new LinkedHashMap<>();
            breakages.put("unknown PowerState", o -> o.put("PowerState", "Sideways"));
            breakages.put("unknown property", o -> o.put("Colour", "blue"));
            breakages.put("missing Id", o -> o.remove("Id"));
            breakages.put("wrong type", o -> o.put("ProcessorSummary", 3));
            breakages.put("bad boot target", o -> ((com.fasterxml.jackson.databind.node.ObjectNode) o.get("Boot"))
                    .put("BootSourceOverrideTarget", "Floppy drive"));
            breakages.forEach((what, breakage) -> {
                com.fasterxml.jackson.databind.node.ObjectNode copy = system.deepCopy();
                breakage.accept(copy);
                assertTrue(!schemas.validateResource(copy).isEmpty(), what + " was not caught");
            });
            JsonNode error = client.get("/redfish/v1/Nowhere").json();
            assertTrue(schemas.validateError(error).isEmpty());
            com.fasterxml.jackson.databind.node.ObjectNode broken = error.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("error")).remove("code");
            assertTrue(!schemas.validateError(broken).isEmpty(), "an error without a code was not caught");
        }
    }

    /** Breadth first from the service root over every {@code @odata.id}. */
    private static Set<String> walk(TestClient client, Map<String, List<String>> violations) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of("/redfish/v1/"));
        while (!todo.isEmpty()) {
            String path = todo.removeFirst();
            if (!seen.add(path)) {
                continue;
            }
            TestClient.Reply r = client.get(path);
            if (r.status() != 200) {
                violations.put(path, List.of("GET answered " + r.status() + ": " + r.body()));
                continue;
            }
            JsonNode json = r.json();
            List<String> v = schemas.validateResource(json);
            if (!v.isEmpty()) {
                violations.put(path + " (" + json.path("@odata.type").asText() + ")", v);
            }
            List<String> ids = new ArrayList<>();
            collectIds(json, ids);
            for (String id : ids) {
                String p = id.contains("#") ? id.substring(0, id.indexOf('#')) : id;
                if (p.startsWith("/redfish/v1") && !seen.contains(p)) {
                    todo.addLast(p);
                }
            }
        }
        return seen;
    }

    private static void collectIds(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("@odata.id") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collectIds(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectIds(n, out));
        }
    }

    /** A sample of each kind of error answer. */
    private static void errorBodies(SimulatedRedfish bmc, TestClient client, Map<String, List<String>> violations) {
        Map<String, TestClient.Reply> errors = new LinkedHashMap<>();
        errors.put("404", client.get("/redfish/v1/Systems/99"));
        errors.put("401", TestClient.anonymous(bmc).get("/redfish/v1/Systems"));
        errors.put("405", client.send("DELETE", "/redfish/v1/Systems/1", null, null));
        errors.put("400 bad json", client.patch("/redfish/v1/Systems/1", "{not json", null));
        errors.put("400 bad reset", client.post("/redfish/v1/Systems/1/Actions/ComputerSystem.Reset",
                "{\"ResetType\": \"Explode\"}"));
        errors.put("412", client.patch("/redfish/v1/Systems/1", "{\"Boot\": {}}", "W/\"stale\""));
        bmc.faults().failNext(500);
        errors.put("500 injected", client.get("/redfish/v1/"));
        errors.forEach((what, r) -> {
            List<String> v = new ArrayList<>(schemas.validateError(r.json()));
            if (!what.startsWith(Integer.toString(r.status()))) {
                v.add("expected " + what + " but got " + r.status());
            }
            if (!v.isEmpty()) {
                violations.put("error " + what, v);
            }
        });
    }
}
