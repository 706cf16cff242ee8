package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.event.EventListener;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer.Recorded;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer.Reply;
import org.junit.jupiter.api.Test;

class SessionTest {

    private final FakeRedfish bmc = FakeRedfish.of("Contoso");

    @Test
    void logsInOnceSendsTheTokenAndLogsOutOnClose() {
        try (ScriptedServer server = bmc.serve()) {
            try (BmcClient client = Clients.connect(server)) {
                assertEquals(PowerState.OFF, client.require(PowerControl.class).powerState());
            }
            List<Recorded> logins = server.requests("POST", FakeRedfish.SESSIONS);
            assertEquals(1, logins.size());
            assertTrue(logins.get(0).body().contains("\"UserName\":\"admin\""));
            Recorded system = server.requests("GET", FakeRedfish.SYSTEM).get(0);
            assertNotNull(system.header("X-Auth-Token"));
            assertNull(system.header("Authorization"), "no Basic credentials beside the session");
            assertEquals(1, server.requests("DELETE", FakeRedfish.SESSIONS + "/1").size());
            assertTrue(bmc.openTokens().isEmpty());
        }
    }

    @Test
    void clientsWithTheSameCredentialsShareOneSessionAndTheLastOneLogsOut() {
        try (ScriptedServer server = bmc.serve()) {
            BmcClient a = Clients.connect(server);
            BmcClient b = Clients.connect(server);
            a.require(PowerControl.class).powerState();
            b.require(PowerControl.class).powerState();
            assertEquals(1, server.requests("POST", FakeRedfish.SESSIONS).size());
            a.close();
            assertEquals(0, server.requests("DELETE", FakeRedfish.SESSIONS + "/1").size(), "b still uses the session");
            b.require(PowerControl.class).powerState();
            b.close();
            assertEquals(1, server.requests("DELETE", FakeRedfish.SESSIONS + "/1").size());
        }
    }

    @Test
    void logsInAgainOnceWhenTheSessionExpires() {
        try (ScriptedServer server = bmc.serve()) {
            try (BmcClient client = Clients.connect(server)) {
                PowerControl power = client.require(PowerControl.class);
                power.powerState();
                bmc.expireSessions();
                assertEquals(PowerState.OFF, power.powerState());
            }
            assertEquals(2, server.requests("POST", FakeRedfish.SESSIONS).size());
        }
    }

    @Test
    void aSecondRefusalAfterLoggingInAgainIsAnAuthenticationError() {
        try (ScriptedServer server = bmc.serve()) {
            try (BmcClient client = Clients.connect(server)) {
                PowerControl power = client.require(PowerControl.class);
                server.enqueue("GET", FakeRedfish.SYSTEM, Reply.status(401), Reply.status(401));
                AuthenticationException e = assertThrows(AuthenticationException.class, power::powerState);
                assertTrue(e.getMessage().contains("power.state"), e.getMessage());
            }
            assertEquals(2, server.requests("POST", FakeRedfish.SESSIONS).size(), "one login, one login again, no more");
        }
    }

    @Test
    void wrongCredentialsAreRefusedWithoutAnySecretInTheMessage() {
        try (ScriptedServer server = bmc.serve()) {
            var endpoint = Clients.endpoint(server.endpoint())
                    .credentials(CredentialRef.inline(Credentials.of("admin", "not-the-password"))).build();
            AuthenticationException e = assertThrows(AuthenticationException.class,
                    () -> Clients.connect(endpoint, Clients.FAST, EventListener.NONE));
            assertTrue(e.getMessage().contains("127.0.0.1:" + server.port()), e.getMessage());
            assertTrue(!e.getMessage().contains("not-the-password"));
        }
    }

    @Test
    void logsOutWhenConnectingFailsAfterLogin() {
        try (ScriptedServer server = bmc.serve()) {
            var endpoint = Clients.endpoint(server.endpoint() + "/redfish/v1/Systems/nope").build();
            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> Clients.connect(endpoint, Clients.FAST, EventListener.NONE));
            assertTrue(e.getMessage().contains("nope"));
            assertEquals(1, server.requests("DELETE", FakeRedfish.SESSIONS + "/1").size());
            assertTrue(bmc.openTokens().isEmpty());
        }
    }

    @Test
    void usesBasicAuthenticationWhenTheBmcRefusesSessions() {
        bmc.sessions(false);
        try (ScriptedServer server = bmc.serve()) {
            try (BmcClient client = Clients.connect(server)) {
                client.require(PowerControl.class).powerState();
            }
            Recorded system = server.requests("GET", FakeRedfish.SYSTEM).get(0);
            assertTrue(system.header("Authorization").startsWith("Basic "));
            assertNull(system.header("X-Auth-Token"));
            assertTrue(server.requests("DELETE", FakeRedfish.SESSIONS + "/1").isEmpty());
        }
    }

    @Test
    void usesBasicAuthenticationWhenTheServiceHasNoSessionService() {
        bmc.put("/redfish/v1/", """
            {"@odata.id": "/redfish/v1/", "Systems": {"@odata.id": "/redfish/v1/Systems"}}
            """);
        try (ScriptedServer server = bmc.serve()) {
            try (BmcClient client = Clients.connect(server)) {
                client.require(PowerControl.class).powerState();
            }
            assertTrue(server.requests("POST", FakeRedfish.SESSIONS).isEmpty());
            assertTrue(server.requests("GET", FakeRedfish.SYSTEM).get(0).header("Authorization").startsWith("Basic "));
        }
    }

    @Test
    void aClientThatFindsNoSessionSlotFreeUsesBasicAuthentication() {
        try (ScriptedServer server = bmc.serve(); BmcClient first = Clients.connect(server)) {
            var other = Clients.endpoint(server.endpoint())
                    .credentials(CredentialRef.inline(Credentials.of(FakeRedfish.OPERATOR, FakeRedfish.OPERATOR_PASSWORD)))
                    .connectTimeout(java.time.Duration.ofMillis(200)).build();
            // Other credentials need a session of their own, and the BMC's only slot is taken: Basic it is.
            try (BmcClient second = Clients.connect(other, Clients.FAST, EventListener.NONE)) {
                second.require(PowerControl.class).powerState();
            }
            assertEquals(1, server.requests("POST", FakeRedfish.SESSIONS).size());
            List<Recorded> reads = server.requests("GET", FakeRedfish.SYSTEM);
            assertTrue(reads.get(reads.size() - 1).header("Authorization").startsWith("Basic "));
            first.require(PowerControl.class).powerState();
            assertTrue(server.requests("GET", FakeRedfish.SYSTEM).get(reads.size()).header("X-Auth-Token") != null);
        }
    }
}
