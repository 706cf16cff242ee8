package org.bmsdk.api.capability;

import java.util.Objects;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.Node;

/**
 * The machine a requirement is checked against. Totals saturate at {@code Long.MAX_VALUE} rather
 * than wrap, because a wrapped total would turn the largest machine into the smallest.
 *
 * @param inventory what it is made of
 * @param resourceClass its resource class, {@code ""} for a bare inventory
 */
record Subject(HardwareInventory inventory, String resourceClass) {

    Subject {
        Objects.requireNonNull(inventory, "inventory");
        Objects.requireNonNull(resourceClass, "resourceClass");
    }

    static Subject of(Node node) {
        Objects.requireNonNull(node, "node");
        return new Subject(node.inventory(), node.resourceClass());
    }

    static Subject of(HardwareInventory inventory) {
        return new Subject(inventory, "");
    }

    long cores() {
        return inventory.cpus().stream().mapToLong(Cpu::cores).sum();
    }

    long threads() {
        return inventory.cpus().stream().mapToLong(Cpu::threads).sum();
    }

    long memoryBytes() {
        long mib = inventory.memoryMib();
        return mib > Long.MAX_VALUE >> 20 ? Long.MAX_VALUE : mib << 20;
    }

    long diskBytes() {
        long total = 0;
        for (Disk d : inventory.disks()) {
            total = d.sizeBytes() > Long.MAX_VALUE - total ? Long.MAX_VALUE : total + d.sizeBytes();
        }
        return total;
    }
}
