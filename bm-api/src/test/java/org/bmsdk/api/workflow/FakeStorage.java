package org.bmsdk.api.workflow;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.storage.BlockStorage;
import org.bmsdk.api.storage.Volume;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeSpec;
import org.bmsdk.api.storage.VolumeTarget;

/** Block storage in memory, idempotent as the interface asks. */
final class FakeStorage implements BlockStorage {

    private final FakeLab lab;
    private final Map<String, VolumeSpec> specs = new TreeMap<>();
    private final Map<String, Set<VolumeConnector>> attached = new TreeMap<>();

    FakeStorage(FakeLab lab) {
        this.lab = lab;
    }

    @Override
    public synchronized Volume create(VolumeSpec spec) {
        specs.putIfAbsent(spec.name(), spec);
        attached.putIfAbsent(spec.name(), new HashSet<>());
        return new Volume(spec.name(), spec, attached.get(spec.name()));
    }

    @Override
    public synchronized void delete(String volumeId) {
        specs.remove(volumeId);
        attached.remove(volumeId);
    }

    @Override
    public synchronized VolumeTarget attach(String volumeId, VolumeConnector connector) {
        lab.faults.device("volume.attach");
        Set<VolumeConnector> to = attached.get(volumeId);
        if (to == null) {
            throw new ConfigurationException("no volume " + volumeId);
        }
        if (!to.isEmpty() && !to.contains(connector) && !specs.get(volumeId).shareable()) {
            throw new ConflictException("volume " + volumeId + " is attached to " + to);
        }
        to.add(connector);
        return VolumeTarget.of("127.0.0.1:3260", "iqn.2026-01.org.bmsdk:" + volumeId, 0, null);
    }

    @Override
    public synchronized void detach(String volumeId, VolumeConnector connector) {
        lab.faults.device("volume.detach");
        Set<VolumeConnector> to = attached.get(volumeId);
        if (to != null) {
            to.remove(connector);
        }
    }

    @Override
    public synchronized List<Volume> list() {
        return specs.values().stream().map(s -> new Volume(s.name(), s, attached.get(s.name()))).toList();
    }

    @Override
    public void close() {
    }
}
