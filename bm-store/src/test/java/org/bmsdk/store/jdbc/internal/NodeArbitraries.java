package org.bmsdk.store.jdbc.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.lifecycle.LifecycleState;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.api.model.Nic;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.model.Port;

/** Generated nodes, every field drawn, text from all of Unicode where the model allows it. */
final class NodeArbitraries {

    private NodeArbitraries() {
    }

    static Arbitrary<Node> nodes() {
        Arbitrary<Node.Builder> core = Combinators.combine(ids(), text(), endpoints().list().ofMaxSize(3), ports().list().ofMaxSize(3),
                inventories(), text(), Arbitraries.of(ProvisionState.class), Arbitraries.of(PowerState.class))
                .as((id, name, bmcs, ports, inventory, resourceClass, provision, power) -> Node.builder(id).name(name)
                        .bmcEndpoints(bmcs).ports(ports).inventory(inventory).resourceClass(resourceClass)
                        .provisionState(provision).powerState(power));
        return Combinators.combine(core, text().injectNull(0.3), Arbitraries.of(true, false), text(), lifecycles().injectNull(0.5))
                .as((b, owner, maintenance, reason, lifecycle) -> {
                    if (lifecycle != null) {
                        b.lifecycle(lifecycle);
                    }
                    return b.owner(owner).maintenance(maintenance, reason).build();
                });
    }

    /** A step in progress with any resting target, so targets other than the usual one round-trip too. */
    private static Arbitrary<LifecycleState> lifecycles() {
        Arbitrary<ProvisionState> steps = Arbitraries.of(ProvisionState.class).filter(ProvisionState::isTransient);
        Arbitrary<ProvisionState> targets = Arbitraries.of(ProvisionState.class).filter(p -> !p.isTransient());
        return Combinators.combine(steps, targets).as((step, target) -> LifecycleState.inProgress(step, target));
    }

    private static Arbitrary<String> text() {
        return Arbitraries.strings().ofMaxLength(12);
    }

    private static Arbitrary<String> nonBlank() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(12).filter(s -> !s.isBlank());
    }

    private static Arbitrary<NodeId> ids() {
        return Arbitraries.strings().alpha().numeric().withChars("._-").ofMaxLength(63).map(s -> NodeId.of("n" + s));
    }

    private static Arbitrary<String> words() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(10);
    }

    private static Arbitrary<BmcEndpoint> endpoints() {
        Arbitrary<String> hosts = Arbitraries.oneOf(words(),
                Arbitraries.integers().between(0, 255).list().ofSize(4).map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3)));
        Arbitrary<String> uris = Combinators.combine(Arbitraries.of("redfish", "redfish+http", "ipmi", "Redfish"), hosts,
                Arbitraries.integers().between(1, 65535).injectNull(0.5), Arbitraries.of("", "/redfish/v1", "/a%20b"))
                .as((scheme, host, port, path) -> scheme + "://" + host + (port == null ? "" : ":" + port) + path);
        Arbitrary<Duration> timeouts = Arbitraries.longs().between(1, 1_000_000_000_000_000L).map(Duration::ofNanos);
        Arbitrary<Optional<Path>> cas = paths().optional();
        return Combinators.combine(uris, credentials(), text().injectNull(0.5), Arbitraries.of(true, false), cas, timeouts, timeouts)
                .as((uri, cred, driver, insecure, ca, connect, request) -> {
                    BmcEndpoint.Builder b = BmcEndpoint.builder(uri).credentials(cred).driverId(driver).insecure(insecure)
                            .connectTimeout(connect).requestTimeout(request);
                    ca.ifPresent(b::caCertificate);
                    return b.build();
                });
    }

    private static Arbitrary<Path> paths() {
        return words().list().ofMinSize(1).ofMaxSize(4).map(l -> Path.of((l.size() % 2 == 0 ? "/" : "") + String.join("/", l)));
    }

    private static Arbitrary<CredentialRef> credentials() {
        Arbitrary<String> vars = Arbitraries.strings().withCharRange('A', 'Z').withChars("_").numeric().ofMinLength(1).ofMaxLength(10)
                .map(s -> "V" + s);
        // External refs named env or file read back as those kinds: a bm-api ambiguity left out here.
        Arbitrary<String> schemes = Arbitraries.strings().withCharRange('a', 'z').withChars("+.-").ofMaxLength(6).map(s -> "x" + s);
        return Arbitraries.oneOf(
                Combinators.combine(vars, vars).as(CredentialRef::env),
                paths().map(CredentialRef::file),
                Combinators.combine(schemes, nonBlank()).as(CredentialRef::external));
    }

    private static Arbitrary<Port> ports() {
        Arbitrary<LocalLinkConnection> links = Combinators.combine(nonBlank(), nonBlank(), text()).as(LocalLinkConnection::new);
        return Combinators.combine(macs(6), links.injectNull(0.3), Arbitraries.of(true, false)).as(Port::new);
    }

    private static Arbitrary<MacAddress> macs(int bytes) {
        return Arbitraries.bytes().array(byte[].class).ofSize(bytes).map(b -> MacAddress.of(HexFormat.ofDelimiter(":").formatHex(b)));
    }

    private static Arbitrary<HardwareInventory> inventories() {
        Arbitrary<Cpu> cpus = Combinators.combine(Arbitraries.oneOf(Arbitraries.of("x86-64", "AMD64", "ARM-A64", "power"), text()),
                text(), Arbitraries.integers().between(1, 512), Arbitraries.integers().between(1, 8))
                .as((arch, model, cores, smt) -> new Cpu(arch, model, cores, cores * smt));
        Arbitrary<Disk> disks = Combinators.combine(text(), Arbitraries.of(DiskMedia.class), Arbitraries.of(DiskProtocol.class),
                Arbitraries.longs().greaterOrEqual(0), text()).as(Disk::new);
        Arbitrary<Nic> nics = Combinators.combine(text(), Arbitraries.oneOf(macs(6), macs(20)), Arbitraries.longs().greaterOrEqual(0),
                Arbitraries.of(LinkType.class), Arbitraries.of(true, false)).as(Nic::new);
        return Combinators.combine(cpus.list().ofMaxSize(4), Arbitraries.longs().greaterOrEqual(0), disks.list().ofMaxSize(4),
                nics.list().ofMaxSize(4), nonBlank().set().ofMaxSize(4))
                .as((c, memory, d, n, traits) -> {
                    HardwareInventory.Builder b = HardwareInventory.builder().memoryMib(memory);
                    c.forEach(b::cpu);
                    d.forEach(b::disk);
                    n.forEach(b::nic);
                    traits.forEach(b::trait);
                    return b.build();
                });
    }
}
