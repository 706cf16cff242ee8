package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bmctl lab --http} with the default number of machines, the BMC commands over plain HTTP,
 * and the schema's own checks: a document that breaks the contract is caught.
 */
class LabHttpTest {

    @Test
    void aPlainHttpLabOfFourMachines() {
        try (LabProcess lab = LabProcess.start("--http")) {
            assertEquals(List.of(), LabSchema.violations(lab.json()), lab.line());
            assertTrue(lab.json().has("ca") && lab.json().get("ca").isNull(), "\"ca\": null without TLS: " + lab.line());
            assertEquals(4, lab.size(), "four machines by default");
            for (int i = 0; i < lab.size(); i++) {
                assertTrue(lab.endpoint(i).startsWith("redfish+http://127.0.0.1:"), lab.endpoint(i));
                assertTrue(lab.json().get("machines").get(i).get("ipmi").asText().startsWith("ipmi://127.0.0.1:"), lab.line());
            }

            Run on = Run.of(lab.env(), "power", "on", "--endpoint", lab.endpoint(3));
            assertEquals(0, on.status(), on::toString);
            assertEquals("power on\n", on.out());
            Run status = Run.of(lab.env(), "--json", "power", "status", "--endpoint", lab.endpoint(3));
            assertEquals("ON", JsonDocs.one(status.out()).get("powerState").asText(), status::toString);
            assertEquals("OFF", JsonDocs.one(Run.of(lab.env(), "--json", "power", "status", "--endpoint", lab.endpoint(2)).out())
                    .get("powerState").asText(), "machines are apart");
            Run inventory = Run.of(lab.env(), "inventory", "--endpoint", lab.endpoint(3));
            assertEquals(SelectCommand.summary(LabCommand.Lab.machine(3).toInventory()) + "\n", inventory.out(), inventory::toString);
            Run boot = Run.of(lab.env(), "boot", "set", "pxe", "--endpoint", lab.endpoint(0));
            assertEquals("boot: pxe (uefi, once)\n", boot.out(), boot::toString);
            // The same machine over IPMI, with the same credentials: what Redfish did shows there.
            String ipmi3 = lab.json().get("machines").get(3).get("ipmi").asText();
            Run ipmiStatus = Run.of(lab.env(), "--json", "power", "status", "--endpoint", ipmi3);
            assertEquals("ON", JsonDocs.one(ipmiStatus.out()).get("powerState").asText(), ipmiStatus::toString);
            Run ipmiOff = Run.of(lab.env(), "power", "off", "--endpoint", ipmi3);
            assertEquals(0, ipmiOff.status(), ipmiOff::toString);
            assertEquals("OFF", JsonDocs.one(Run.of(lab.env(), "--json", "power", "status", "--endpoint", lab.endpoint(3)).out())
                    .get("powerState").asText(), "powered off over IPMI, seen over Redfish");

            List<InetSocketAddress> addresses = lab.addresses();
            assertTrue(lab.terminate(Duration.ofSeconds(10)), "ended within 10 s of SIGTERM; stderr: " + lab.stderr());
            for (InetSocketAddress a : addresses) {
                assertFalse(LabProcess.listening(a), a + " closed");
            }
        }
    }

    @Test
    void theSchemaCatchesWhatBreaksTheContract() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String good = "{\"ca\":\"/tmp/bmctl-lab-1/lab-ca.pem\",\"machines\":[{\"name\":\"node-0\",\"redfish\":\"redfish://127.0.0.1:40000\","
                + "\"ipmi\":\"ipmi://127.0.0.1:40001\",\"username\":\"admin\",\"password\":\"abcdefghijklmnopqrst\"}],\"later\":\"x\"}";
        assertEquals(List.of(), LabSchema.violations(json.readTree(good)), "unknown properties are allowed");
        List<String> broken = List.of(
                good.replace("\"ca\":\"/tmp/bmctl-lab-1/lab-ca.pem\",", ""),
                good.replace("\"/tmp/bmctl-lab-1/lab-ca.pem\"", "null"),
                good.replace("redfish://", "redfish+http://"),
                good.replace("redfish://127.0.0.1:40000", "redfish://admin:pw@127.0.0.1:40000"),
                good.replace("redfish://127.0.0.1:40000", "https://127.0.0.1:40000"),
                good.replace("redfish://127.0.0.1:40000", "redfish://127.0.0.1:40000/redfish/v1"),
                good.replace(",\"password\":\"abcdefghijklmnopqrst\"", ""),
                good.replace("abcdefghijklmnopqrst", "short"),
                good.replace("abcdefghijklmnopqrst", "abcdefghijklmnopqrstuvwx"),
                good.replace("\"ipmi\":\"ipmi://127.0.0.1:40001\",", ""),
                good.replace("ipmi://127.0.0.1:40001", "ipmi://admin:pw@127.0.0.1:40001"),
                good.replace("ipmi://127.0.0.1:40001", "lanplus://127.0.0.1:40001"),
                good.replace("ipmi://127.0.0.1:40001", "ipmi://127.0.0.1"),
                good.replace("node-0", "small-1"),
                "{\"ca\":null,\"machines\":[\"node-0\"]}",
                "{\"ca\":null,\"machines\":[]}");
        for (String doc : broken) {
            JsonNode n = json.readTree(doc);
            assertFalse(LabSchema.violations(n).isEmpty(), "the schema refuses " + doc);
        }
        ObjectNode relative = (ObjectNode) json.readTree(good);
        relative.put("ca", "lab-ca.pem");
        assertFalse(LabSchema.violations(relative).isEmpty(), "a relative CA path");
    }
}
