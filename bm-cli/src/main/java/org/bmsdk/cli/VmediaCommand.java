package org.bmsdk.cli;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bmsdk.api.bmc.VirtualMedia;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code bmctl vmedia status|insert URL|eject}. */
@Command(name = "vmedia", mixinStandardHelpOptions = true,
        description = "The virtual CD: status, insert URL (an http(s) image the BMC fetches), eject.")
final class VmediaCommand implements Runnable {

    @Parameters(index = "0", paramLabel = "ACTION", description = "status, insert or eject")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "URL", description = "With insert: the image's URL.")
    String url;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        URI image;
        switch (action) {
            case "status", "eject" -> image = null;
            case "insert" -> {
                if (url == null) {
                    throw new IllegalArgumentException("vmedia insert needs the image's URL");
                }
                image = URI.create(url);
                if (!"http".equals(image.getScheme()) && !"https".equals(image.getScheme())) {
                    throw new IllegalArgumentException("the image must be an http:// or https:// URL, but was " + url);
                }
            }
            default -> throw new IllegalArgumentException("vmedia takes status, insert URL or eject, but was '" + action + "'");
        }
        BmcCommands.run(spec, VirtualMedia.class, vm -> {
            if (image != null) {
                vm.insert(image);
            } else if (action.equals("eject")) {
                vm.eject();
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("inserted", vm.inserted().map(URI::toString).orElse(null));
            return doc;
        }, doc -> doc.get("inserted") == null ? "virtual media: empty" : "virtual media: " + doc.get("inserted"));
    }
}
