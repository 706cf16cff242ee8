package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.agent.BlockDevice;
import org.bmsdk.api.agent.RamdiskAgent;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.hardware.agent.SshRamdiskAgentConnector;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code bmctl lab}'s ramdisks and heartbeats: what the JSON names is enough to reach a machine's
 * ramdisk with the SSH agent (host key verified) once bmctl has booted it from PXE, and its heartbeat
 * answers only while an OS runs.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LabRamdiskTest {

    static boolean accepts(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))), 2000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    @Test
    void bmctlBootsAMachineIntoItsRamdiskWhichTheAgentReachesWithWhatTheLabPrinted() throws Exception {
        try (LabProcess lab = LabProcess.start("--http", "--machines", "2", "--switches", "1")) {
            assertEquals(List.of(), LabSchema.violations(lab.json()), lab.line());
            JsonNode machine = lab.json().get("machines").get(1);
            JsonNode ramdisk = machine.get("ramdisk");
            String heartbeat = machine.get("heartbeat").asText();
            assertFalse(accepts(heartbeat), "the machine is off");
            assertFalse(lab.json().get("machines").get(0).get("ramdisk").get("ssh").asText().equals(ramdisk.get("ssh").asText()));

            String[] endpoint = {"--endpoint", lab.endpoint(1)};
            assertEquals(0, Run.of(lab.env(), "boot", "set", "pxe", endpoint[0], endpoint[1]).status());
            assertEquals(0, Run.of(lab.env(), "power", "on", endpoint[0], endpoint[1]).status());

            URI ssh = URI.create(ramdisk.get("ssh").asText());
            Node node = Node.builder(NodeId.of(machine.get("name").asText())).name(machine.get("name").asText()).build();
            try (SshClient client = SshClient.create()) {
                SshRamdiskAgentConnector connector = SshRamdiskAgentConnector.builder().client(client)
                        .retryInterval(Duration.ofMillis(200))
                        .options(n -> SshOptions.builder().host(ssh.getHost()).port(ssh.getPort())
                                .username(ramdisk.get("username").asText()).password(Secret.of(ramdisk.get("password").asText()))
                                .knownHosts(Path.of(ramdisk.get("known_hosts").asText())).build())
                        .build();
                try (RamdiskAgent agent = connector.connect(node, Duration.ofSeconds(30))) {
                    assertEquals(List.of(new BlockDevice("/dev/sda", 960_000_000_000L, false), new BlockDevice("/dev/sdb", 960_000_000_000L, false)),
                            agent.blockDevices());
                    assertEquals(2, agent.lldpNeighbors().size());
                    assertEquals(machine.get("nics").get(0).get("port").asText(), agent.lldpNeighbors().get(0).link().portId());
                    assertEquals("sw-0", agent.lldpNeighbors().get(0).link().switchId());
                }
            }
            assertTrue(accepts(heartbeat), "the ramdisk is an OS that answers");
            assertEquals(0, Run.of(lab.env(), "power", "off", endpoint[0], endpoint[1]).status());
            assertFalse(accepts(heartbeat));
            assertFalse(accepts(ssh.getHost() + ":" + ssh.getPort()), "the ramdisk went with the power");
        }
    }
}
