package org.bmsdk.ha;

import org.bmsdk.api.ha.HealthProbe;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.model.Node;

/**
 * The host's own heartbeat, independent of its BMC: {@link ProbeResult.Status#UP} when the
 * tenant's system answers (a TCP connect to one of its addresses, an HTTP check), DOWN when it
 * does not. {@link TcpHostProbe} is the usual one.
 */
@FunctionalInterface
public interface HostProbe extends HealthProbe {

    @Override
    ProbeResult probe(Node node);
}
