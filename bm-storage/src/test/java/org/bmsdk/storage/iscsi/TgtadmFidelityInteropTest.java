package org.bmsdk.storage.iscsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bmsdk.storage.fixture.TgtServer;
import org.bmsdk.testkit.storage.HostCommandResult;
import org.bmsdk.testkit.storage.SimulatedStorageHost;
import org.bmsdk.testkit.storage.StorageHostSpec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The simulated storage host's tgtadm against the real one: the same commands, successes and
 * refusals, sent to a real tgtd and to the simulator, print the same bytes and exit the same way.
 * The simulator's root is {@code /}, so that backing-store paths are the same on both.
 */
@Tag("interop")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TgtadmFidelityInteropTest {

    @Test
    void theSimulatorsTgtadmPrintsWhatTgtPrints() throws Exception {
        try (TgtServer tgt = TgtServer.startIfInstalled().orElse(null)) {
            assumeTrue(tgt != null, TgtServer::missing);
            Path file = tgt.dir().resolve("v.vol");
            Files.write(file, new byte[0]);
            try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(4L << 20);
            }
            String missing = tgt.dir().resolve("nope.vol").toString();
            String n1 = "iqn.2024-01.org.example:node-1";
            String n2 = "iqn.2024-01.org.example:node-2";
            List<String> lines = List.of(
                    "--mode target --op show",
                    "--mode target --op new --tid 1 --targetname iqn.2024-01.org.bmsdk:v",
                    "--mode target --op new --tid 1 --targetname iqn.2024-01.org.bmsdk:w",
                    "--mode target --op new --tid 2 --targetname iqn.2024-01.org.bmsdk:v",
                    "--mode logicalunit --op new --tid 1 --lun 1 --backing-store " + file + " --bstype rdwr",
                    "--mode logicalunit --op new --tid 1 --lun 1 --backing-store " + file + " --bstype rdwr",
                    "--mode logicalunit --op new --tid 9 --lun 1 --backing-store " + file + " --bstype rdwr",
                    "--mode logicalunit --op new --tid 1 --lun 2 --backing-store " + missing + " --bstype rdwr",
                    "--mode account --op delete --user bm-v",
                    "--mode account --op new --user bm-v --password abcdefghijklmnop",
                    "--mode account --op new --user bm-v --password abcdefghijklmnop",
                    "--mode account --op bind --tid 1 --user bm-v",
                    "--mode account --op bind --tid 1 --user bm-v",
                    "--mode account --op bind --tid 9 --user bm-v",
                    "--mode account --op bind --tid 1 --user nobody",
                    "--mode target --op bind --tid 1 --initiator-name " + n1,
                    "--mode target --op bind --tid 1 --initiator-name " + n1,
                    "--mode target --op bind --tid 9 --initiator-name " + n1,
                    "--mode target --op bind --tid 1 --initiator-name " + n2,
                    "--mode target --op show",
                    "--mode account --op show",
                    "--mode target --op unbind --tid 1 --initiator-name iqn.2024-01.org.example:node-9",
                    "--mode target --op unbind --tid 9 --initiator-name " + n1,
                    "--mode target --op unbind --tid 1 --initiator-name " + n2,
                    "--mode target --op delete --tid 9",
                    "--mode target --op bogus",
                    "--mode bogus --op show",
                    "--mode target --op show",
                    "--mode target --op delete --force --tid 1",
                    "--mode target --op show",
                    "--mode account --op show",
                    "--mode account --op delete --user bm-v",
                    "--mode account --op show");
            try (SimulatedStorageHost sim = SimulatedStorageHost.start(StorageHostSpec.builder().rootDirectory(Path.of("/"))
                    .controlPort(tgt.control()).iscsiPortal(false).build())) {
                List<String> real = new ArrayList<>();
                List<String> simulated = new ArrayList<>();
                for (String line : lines) {
                    TgtServer.Result r = tgt.tgtadm(line.split(" "));
                    real.add("$ tgtadm " + line + "\n" + r.output() + "[exit " + r.exit() + "]");
                    HostCommandResult s = sim.exec("tgtadm -C " + tgt.control() + " --lld iscsi " + line);
                    simulated.add("$ tgtadm " + line + "\n" + s.stdout() + s.stderr() + "[exit " + s.exitStatus() + "]");
                }
                assertEquals(String.join("\n", real), String.join("\n", simulated));
            }
        }
    }
}
