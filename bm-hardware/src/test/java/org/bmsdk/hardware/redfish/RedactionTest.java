package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.event.EventListener;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.LogCapture;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer.Reply;
import org.junit.jupiter.api.Test;

/**
 * No password and no session token in logs (with HttpClient's header and wire loggers at DEBUG, see
 * simplelogger.properties), messages, events or toString.
 */
class RedactionTest {

    @Test
    void noSecretReachesLogsMessagesOrToString() {
        FakeRedfish bmc = FakeRedfish.of("Contoso");
        Clients.Recording events = new Clients.Recording();
        List<String> texts = new ArrayList<>();
        try (ScriptedServer server = bmc.serve(); LogCapture log = LogCapture.start()) {
            try (BmcClient client = Clients.connect(Clients.endpoint(server.endpoint()).build(), Clients.FAST, events)) {
                PowerControl power = client.require(PowerControl.class);
                power.powerState();
                bmc.expireSessions();
                power.powerState();
                server.enqueue("GET", FakeRedfish.SYSTEM, Reply.status(401), Reply.status(401));
                BareMetalException e = assertThrows(BareMetalException.class, power::powerState);
                texts.add(e.getMessage());
                texts.add(String.valueOf(e));
                texts.add(client.toString());
                texts.add(client.endpoint().toString());
            }
            bmc.sessions(false);
            try (BmcClient basic = Clients.connect(Clients.endpoint(server.endpoint()).build(), Clients.FAST, EventListener.NONE)) {
                basic.require(PowerControl.class).powerState();
                texts.add(basic.toString());
            }
            texts.add(log.text());
            texts.addAll(events.heard);
            assertTrue(bmc.issuedTokens().size() >= 2);
            String all = String.join("\n", texts);
            assertFalse(all.contains(FakeRedfish.PASSWORD), all);
            String basicValue = java.util.Base64.getEncoder().encodeToString((FakeRedfish.USER + ":" + FakeRedfish.PASSWORD).getBytes());
            assertFalse(all.contains(basicValue), all);
            for (String token : bmc.issuedTokens()) {
                assertFalse(all.contains(token), "token in " + all);
            }
            assertFalse(all.contains("X-Auth-Token:"), "no header dump");
        }
    }
}
