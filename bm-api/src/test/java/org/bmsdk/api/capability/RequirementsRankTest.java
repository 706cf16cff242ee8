package org.bmsdk.api.capability;

import static org.bmsdk.api.capability.Machines.TB;
import static org.bmsdk.api.capability.Machines.disk;
import static org.bmsdk.api.capability.Machines.inventory;
import static org.bmsdk.api.capability.Machines.node;
import static org.bmsdk.api.capability.Machines.xeon;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.Node;
import org.junit.jupiter.api.Test;

class RequirementsRankTest {

    private static List<String> names(List<Node> nodes) {
        return nodes.stream().map(Node::name).toList();
    }

    @Test
    void prefersTheSmallestMachineThatFits() {
        Node tooSmall = node("too-small", inventory(128, xeon(32)).disk(disk(DiskMedia.SSD, TB)).build());
        Node big = node("big", inventory(1024, xeon(64)).disk(disk(DiskMedia.SSD, TB)).build());
        Node justRight = node("just-right", inventory(256, xeon(32)).disk(disk(DiskMedia.SSD, TB)).build());
        Node moreCores = node("more-cores", inventory(256, xeon(48)).disk(disk(DiskMedia.SSD, TB)).build());
        Node moreDisk = node("more-disk", inventory(256, xeon(32)).disk(disk(DiskMedia.SSD, TB)).disk(disk(DiskMedia.HDD, TB)).build());
        Node twin = node("a-twin", inventory(256, xeon(32)).disk(disk(DiskMedia.SSD, TB)).build());

        Requirements r = Requirements.parse("memory >= 256GiB and cpu.cores >= 32 and disk.media == SSD");

        assertEquals(List.of("a-twin", "just-right", "more-disk", "more-cores", "big"),
                names(r.rank(List.of(tooSmall, big, justRight, moreCores, moreDisk, twin))));
    }

    @Test
    void withNoRequirementTheSmallestComesFirst() {
        Node small = node("small", inventory(64, xeon(8)).build());
        Node large = node("large", inventory(512, xeon(8)).build());
        assertEquals(List.of("small", "large"), names(Requirements.none().rank(List.of(large, small))));
    }
}
