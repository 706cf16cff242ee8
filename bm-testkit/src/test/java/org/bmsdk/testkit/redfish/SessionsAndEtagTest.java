package org.bmsdk.testkit.redfish;

import static org.bmsdk.testkit.redfish.Fixture.SYSTEM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Sessions (login, limit, logout, timeout), Basic authentication, and ETag / If-Match modes. */
class SessionsAndEtagTest {

    private static final String SESSIONS = "/redfish/v1/SessionService/Sessions";
    private static final String LOGIN = "{\"UserName\": \"admin\", \"Password\": \"password\"}";

    @Test
    void loginGivesATokenAndLocationAndLogoutEndsIt() {
        try (Fixture f = Fixture.create()) {
            TestClient.Reply login = TestClient.anonymous(f.bmc).post(SESSIONS, LOGIN);
            assertEquals(201, login.status());
            String token = login.header("X-Auth-Token").orElseThrow();
            String location = login.header("Location").orElseThrow();
            assertTrue(location.startsWith(SESSIONS + "/"));
            TestClient session = TestClient.anonymous(f.bmc).withToken(token);
            assertEquals(200, session.get(SYSTEM).status());
            assertEquals(1, f.bmc.sessionCount());
            assertEquals(204, session.delete(location).status());
            assertEquals(0, f.bmc.sessionCount());
            assertEquals(401, session.get(SYSTEM).status());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {503, 400})
    void theLoginPastTheLimitIsRefused(int status) {
        try (Fixture f = Fixture.withBmc(b -> b.sessionLimitStatus(status))) {
            List<String> locations = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                TestClient.Reply r = TestClient.anonymous(f.bmc).post(SESSIONS, LOGIN);
                assertEquals(201, r.status());
                locations.add(r.header("Location").orElseThrow());
            }
            TestClient.Reply fifth = TestClient.anonymous(f.bmc).post(SESSIONS, LOGIN);
            assertEquals(status, fifth.status());
            assertTrue(fifth.json().at("/error/@Message.ExtendedInfo/0/MessageId").asText()
                    .endsWith("SessionLimitExceeded"));
            assertEquals(204, f.client.delete(locations.get(0)).status());
            assertEquals(201, TestClient.anonymous(f.bmc).post(SESSIONS, LOGIN).status());
        }
    }

    @Test
    void badCredentialsGet401AndNoSecretIsShown() {
        try (Fixture f = Fixture.create()) {
            TestClient.Reply r = TestClient.anonymous(f.bmc).post(SESSIONS,
                    "{\"UserName\": \"admin\", \"Password\": \"wrong\"}");
            assertEquals(401, r.status());
            assertEquals(401, TestClient.basic(f.bmc, "admin", "wrong").get(SYSTEM).status());
            assertEquals(401, TestClient.anonymous(f.bmc).get(SYSTEM).status());
            assertEquals(200, TestClient.anonymous(f.bmc).get("/redfish/v1/").status());
            assertTrue(!f.bmc.spec().toString().contains("password"), f.bmc.spec().toString());
            TestClient.Reply login = TestClient.anonymous(f.bmc).post(SESSIONS, LOGIN);
            String session = f.client.get(login.header("Location").orElseThrow()).body();
            assertTrue(!session.contains(login.header("X-Auth-Token").orElseThrow()));
            assertTrue(!session.contains("\"password\""));
        }
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        try (Fixture f = Fixture.create()) {
            TestClient.Reply head = f.client.send("HEAD", SYSTEM, null, null);
            assertEquals(200, head.status());
            assertEquals("", head.body());
            assertEquals(f.client.get(SYSTEM).header("ETag"), head.header("ETag"));
        }
    }

    @Test
    void unusedSessionsExpire() {
        try (Fixture f = Fixture.withBmc(b -> b.sessionTimeout(Duration.ofMinutes(5)))) {
            String token = TestClient.anonymous(f.bmc).post(SESSIONS, LOGIN).header("X-Auth-Token").orElseThrow();
            TestClient session = TestClient.anonymous(f.bmc).withToken(token);
            f.clock.advance(Duration.ofMinutes(4));
            assertEquals(200, session.get(SYSTEM).status());
            f.clock.advance(Duration.ofMinutes(4));
            assertEquals(200, session.get(SYSTEM).status());
            f.clock.advance(Duration.ofMinutes(6));
            assertEquals(401, session.get(SYSTEM).status());
        }
    }

    @Test
    void ifMatchHonouredWeakOrStrongAndStaleOnesFail() {
        try (Fixture f = Fixture.create()) {
            String body = "{\"Boot\": {\"BootSourceOverrideTarget\": \"Pxe\", \"BootSourceOverrideEnabled\": \"Once\"}}";
            String etag = f.client.get(SYSTEM).header("ETag").orElseThrow();
            assertTrue(etag.startsWith("W/\""));
            String strong = etag.substring(2);
            assertEquals(200, f.client.patch(SYSTEM, body, strong).status());
            // The override changed the resource, so the old ETag is stale now.
            assertEquals(412, f.client.patch(SYSTEM, body, etag).status());
            assertEquals(200, f.client.patch(SYSTEM, body, "*").status());
            assertEquals(200, f.client.patch(SYSTEM, body, null).status());
            String fresh = f.client.get(SYSTEM).header("ETag").orElseThrow();
            assertEquals(200, f.client.patch(SYSTEM, body, "W/\"other\", " + fresh).status());
        }
    }

    @Test
    void ifMatchRequiredGets428WithoutIt() {
        try (Fixture f = Fixture.withBmc(b -> b.ifMatch(IfMatchPolicy.REQUIRED))) {
            String body = "{\"Boot\": {\"BootSourceOverrideTarget\": \"Pxe\"}}";
            TestClient.Reply r = f.client.patch(SYSTEM, body, null);
            assertEquals(428, r.status());
            assertTrue(f.machine.bootOverride().isEmpty());
            assertEquals(200, f.client.patchWithEtag(SYSTEM, body).status());
        }
    }

    @Test
    void ifMatchRejectedGets412WithAnyEtag() {
        try (Fixture f = Fixture.withBmc(b -> b.ifMatch(IfMatchPolicy.REJECTED))) {
            String body = "{\"Boot\": {\"BootSourceOverrideTarget\": \"Pxe\"}}";
            assertEquals(412, f.client.patchWithEtag(SYSTEM, body).status());
            assertTrue(f.machine.bootOverride().isEmpty());
            assertEquals(200, f.client.patch(SYSTEM, body, null).status());
        }
    }
}
