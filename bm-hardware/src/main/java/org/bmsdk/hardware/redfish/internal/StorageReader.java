package org.bmsdk.hardware.redfish.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;

/**
 * Disks from the system's Storage controllers and their Drives; SimpleStorage devices when the
 * system has no Storage (older BMCs), which say less (no media type, no protocol).
 */
final class StorageReader {

    private StorageReader() {
    }

    static List<Disk> disks(RedfishHttp http, ErrorContext ctx, Resource system) {
        Optional<String> storage = system.link("Storage");
        if (storage.isPresent()) {
            return drives(http, ctx, storage.get()).stream().map(StorageReader::disk).toList();
        }
        Optional<String> simple = system.link("SimpleStorage");
        if (simple.isPresent()) {
            List<Disk> out = new ArrayList<>();
            for (Resource controller : Navigator.members(http, ctx, simple.get())) {
                for (var device : controller.at("Devices")) {
                    Resource d = controller.nested(device);
                    if (RedfishInventory.present(d)) {
                        out.add(new Disk(d.text("Name").orElse(controller.id()), DiskMedia.UNKNOWN, DiskProtocol.UNKNOWN,
                                d.count("CapacityBytes").orElse(0), d.text("SerialNumber").orElse("")));
                    }
                }
            }
            return out;
        }
        return List.of();
    }

    /** Every present drive of every storage controller, each once. */
    static List<Resource> drives(RedfishHttp http, ErrorContext ctx, String storageCollection) {
        Set<String> paths = new LinkedHashSet<>();
        for (Resource s : Navigator.members(http, ctx, storageCollection)) {
            paths.addAll(s.links("Drives"));
        }
        List<Resource> out = new ArrayList<>();
        for (String p : paths) {
            Resource d = http.get(ctx, p);
            if (RedfishInventory.present(d)) {
                out.add(d);
            }
        }
        return out;
    }

    static Disk disk(Resource d) {
        DiskProtocol protocol = DiskProtocol.parse(d.text("Protocol").orElse(null));
        DiskMedia media = DiskMedia.parse(d.text("MediaType").orElse(null));
        if (protocol == DiskProtocol.NVME && (media == DiskMedia.SSD || media == DiskMedia.UNKNOWN)) {
            media = DiskMedia.NVME;
        }
        return new Disk(d.id(), media, protocol, d.count("CapacityBytes").orElse(0), d.text("SerialNumber").orElse("").strip());
    }
}
