package org.bmsdk.cli;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcCapability;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.credentials.CredentialRef;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the BMC commands ({@code power}, {@code boot}, {@code vmedia}, {@code inventory},
 * {@code health}, {@code bios}, {@code sel}) share: the endpoint from {@code --endpoint}, the driver
 * chosen by its scheme through the ServiceLoader registry, one capability required, the client
 * closed (logging out of the BMC) on every path.
 */
final class BmcCommands {

    private BmcCommands() {
    }

    /** The BMC of {@code --endpoint}, with the credentials of the environment or {@code --credentials-file}. */
    static BmcEndpoint endpoint(CommandSpec spec) {
        GlobalOptions global = GlobalOptions.of(spec);
        BmcEndpoint.Builder b = BmcEndpoint.builder(global.requireEndpoint())
                .credentials(CredentialRef.inline(global.credentials()))
                .insecure(global.insecure);
        if (global.ca != null) {
            if (!Files.isReadable(global.ca)) {
                throw new IllegalArgumentException("--ca " + global.ca + " cannot be read");
            }
            b.caCertificate(global.ca);
        }
        BmcEndpoint endpoint = b.build();
        if (endpoint.insecure()) {
            spec.commandLine().getErr().println("bmctl: warning: --insecure: the TLS certificate of " + endpoint.uri() + " is not verified");
        }
        return endpoint;
    }

    /**
     * Connects, requires a capability, applies {@code work} to it, and prints the document it returns.
     *
     * @param spec the running command
     * @param type the capability
     * @param work what to do; returns the JSON document (a map)
     * @param text renders the document for people
     */
    static <T extends BmcCapability> void run(CommandSpec spec, Class<T> type, Function<T, Map<String, Object>> work,
            Function<Map<String, Object>, String> text) {
        BmcEndpoint endpoint = endpoint(spec);
        Map<String, Object> doc = new LinkedHashMap<>();
        try (BmcClient client = BmcDriverRegistry.loadInstalled().connect(endpoint, DriverContext.defaults())) {
            doc.put("endpoint", endpoint.uri().toString());
            doc.putAll(work.apply(client.require(type)));
        }
        Output.print(spec.commandLine().getOut(), GlobalOptions.of(spec).json, doc, text.apply(doc));
    }
}
