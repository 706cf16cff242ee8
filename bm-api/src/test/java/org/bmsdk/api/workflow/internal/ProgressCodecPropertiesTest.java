package org.bmsdk.api.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.workflow.BootSource;
import org.bmsdk.api.workflow.DeployRequest;
import org.bmsdk.api.workflow.Workflow;

/** The progress record's text form: what is written reads back equal, and garbage is an IntegrityException. */
class ProgressCodecPropertiesTest {

    @Property(tries = 500)
    void readsBackWhatItWrote(@ForAll("progress") Progress p) {
        assertEquals(p, ProgressCodec.decode(ProgressCodec.encode(p)));
    }

    @Property(tries = 500)
    void garbageIsAnIntegrityErrorNeverAnotherException(@ForAll("garbage") String text) {
        try {
            ProgressCodec.decode(text);
        } catch (IntegrityException expected) {
            // the only way a bad record may fail
        }
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> mutated = progress().map(ProgressCodec::encode).flatMap(s -> Arbitraries.integers().between(0, s.length())
                .flatMap(cut -> Arbitraries.strings().ofMaxLength(6).map(junk -> s.substring(0, cut) + junk + s.substring(cut))));
        return Arbitraries.oneOf(mutated, Arbitraries.strings().ofMaxLength(60));
    }

    @Provide
    Arbitrary<Progress> progress() {
        Arbitrary<Workflow> workflows = Arbitraries.of(Workflow.class);
        Arbitrary<String> tenants = Arbitraries.strings().ofMinLength(1).ofMaxLength(12).injectNull(0.3);
        return Combinators.combine(workflows, Arbitraries.integers().between(0, 3), Arbitraries.of(true, false), tenants,
                requests().injectNull(0.3))
                .as((w, i, finished, tenant, request) -> new Progress(w, w.steps().get(i % w.steps().size()), finished, tenant, request));
    }

    private Arbitrary<DeployRequest> requests() {
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(10).filter(s -> !s.isBlank());
        Arbitrary<PortBinding> bindings = Combinators.combine(text, text, Arbitraries.strings().ofMaxLength(8),
                text.set().ofMinSize(1).ofMaxSize(3))
                .as((sw, port, info, nets) -> new PortBinding(new LocalLinkConnection(sw, port, info), List.copyOf(nets)));
        Arbitrary<BootSource> boots = Arbitraries.oneOf(Arbitraries.just(BootSource.pxe()), Arbitraries.just(BootSource.volume()),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8).map(s -> BootSource.virtualMedia(URI.create("http://h/" + s + ".iso"))));
        return Combinators.combine(bindings.list().ofMaxSize(3), text.list().ofMaxSize(3), boots).as((bs, vols, boot) -> {
            DeployRequest.Builder b = DeployRequest.builder();
            bs.forEach(b::binding);
            vols.forEach(b::volume);
            if (!vols.isEmpty()) {
                b.connector(VolumeConnector.iscsi("iqn.2026-01.org.example:n1"));
            }
            b.boot(boot.kind() == BootSource.Kind.VOLUME && vols.isEmpty() ? BootSource.pxe() : boot);
            return b.build();
        });
    }
}
