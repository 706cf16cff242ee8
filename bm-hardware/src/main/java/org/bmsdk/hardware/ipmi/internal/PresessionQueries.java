package org.bmsdk.hardware.ipmi.internal;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.hardware.ipmi.IpmiWorkaround;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a BMC tells before any session, in IPMI v1.5 framing without authentication: whether the
 * channel speaks IPMI v2.0 (Get Channel Authentication Capabilities) and which cipher suites it
 * offers (Get Channel Cipher Suites), and so which of the allowed suites to try, preferred first.
 */
final class PresessionQueries {

    private static final Logger LOG = LoggerFactory.getLogger(PresessionQueries.class);

    private final UdpTransport transport;
    private final InetSocketAddress peer;
    private final String endpoint;
    private final IpmiOptions options;
    private final ErrorContext context;
    private final Exchange.Retry retry;

    PresessionQueries(UdpTransport transport, InetSocketAddress peer, String endpoint, IpmiOptions options, ErrorContext context,
            Exchange.Retry retry) {
        this.transport = transport;
        this.peer = peer;
        this.endpoint = endpoint;
        this.options = options;
        this.context = context;
        this.retry = retry;
    }

    private LanMessage presession(IpmiRequest request) {
        Exchange<LanMessage> ex = new Exchange<>(transport, peer, request.name(),
                seq -> RmcpFrame.presession(LanMessage.request(request.netFn(), request.command(), seq, request.data()).encode()),
                frame -> {
                    LanMessage m = frame.message(true);
                    if (m.netFn() != (request.netFn() | 1) || m.command() != request.command() || m.body().length < 1) {
                        throw new MalformedPacketException(DropReason.UNEXPECTED, "not an answer to " + request.name());
                    }
                    return m;
                }, retry);
        return Futures.await(ex.start(UdpTransport.Kind.PRESESSION, 0, 64), context, endpoint);
    }

    void checkAuthenticationCapabilities() {
        // channel 0Eh = this one, bit 7 = report IPMI v2.0 extended capabilities
        IpmiRequest req = IpmiRequest.of("Get Channel Authentication Capabilities", IpmiRequest.APP, 0x38, 0x8E,
                options.privilege().level());
        byte[] body = presession(req).body();
        if ((body[0] & 0xFF) != 0) {
            throw new DeviceException(req.name() + " refused: " + CompletionCodes.describe(body[0]), context, Bytes.hex8(body[0]));
        }
        if (options.has(IpmiWorkaround.AUTHENTICATION_CAPABILITIES)) {
            return;
        }
        if (body.length < 5 || (body[2] & 0x80) == 0 || (body[4] & 0x02) == 0) {
            throw new ConfigurationException("the BMC does not offer IPMI v2.0 (RMCP+) on this channel; IPMI v1.5 sessions are "
                    + "refused (if it does speak RMCP+, enable the 'authcap' workaround)", context);
        }
        if ((body[3] & 0x03) != 0) {
            LOG.warn("BMC {} allows anonymous or null-user logins; this driver never uses them, but anyone else can", endpoint);
        }
    }

    /** The allowed suites the BMC lists, preferred first; all allowed ones when it lists none we can read. */
    List<CipherSuite> candidateSuites() {
        List<CipherSuite> allowed = options.cipherSuites().stream().map(id -> CipherSuite.byId(id).orElseThrow()).toList();
        List<Integer> offered;
        try {
            offered = listCipherSuites();
        } catch (DeviceException e) {
            // pyghmi and older BMCs lack the command: try the allowed suites in turn, as ipmitool does
            LOG.debug("{} did not list its cipher suites ({}); trying {}", endpoint, e.getMessage(), options.cipherSuites());
            return allowed;
        }
        List<CipherSuite> usable = allowed.stream().filter(s -> offered.contains(s.id())).toList();
        if (usable.isEmpty()) {
            throw new ConfigurationException("the BMC offers cipher suites " + offered + " but this driver accepts only "
                    + options.cipherSuites() + " (cipher suite 0 and suites without integrity or encryption are refused)", context);
        }
        return usable;
    }

    private List<Integer> listCipherSuites() {
        byte[] records = new byte[0];
        for (int index = 0; index < 0x40; index++) {
            IpmiRequest req = IpmiRequest.of("Get Channel Cipher Suites", IpmiRequest.APP, 0x54, 0x0E, 0x00, 0x80 | index);
            byte[] body = presession(req).body();
            if ((body[0] & 0xFF) != 0) {
                throw new DeviceException(req.name() + " refused: " + CompletionCodes.describe(body[0]), context, Bytes.hex8(body[0]));
            }
            byte[] chunk = body.length > 2 ? Arrays.copyOfRange(body, 2, body.length) : new byte[0];
            records = Bytes.concat(records, chunk);
            if (chunk.length < 16) {
                break;
            }
        }
        return CipherSuiteRecords.ids(records);
    }
}
