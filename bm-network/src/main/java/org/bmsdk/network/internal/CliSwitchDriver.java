package org.bmsdk.network.internal;

import java.util.Objects;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;

/** What the public drivers share: a dialect, and sessions that connect lazily. */
public final class CliSwitchDriver {

    private final CliDialect dialect;

    /**
     * A driver for one dialect.
     *
     * @param dialect the dialect
     */
    public CliSwitchDriver(CliDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /** @return the dialect's id */
    public String dialect() {
        return dialect.id();
    }

    /**
     * Opens a session and logs in.
     *
     * @param endpoint the switch, of this dialect
     * @param context the driver context
     * @return the logged-in session
     */
    public SwitchSession open(SwitchEndpoint endpoint, DriverContext context) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(context, "context");
        if (!endpoint.dialect().equals(dialect.id())) {
            throw new ConfigurationException("switch " + endpoint.id() + " speaks " + endpoint.dialect()
                    + ", not " + dialect.id());
        }
        CliSwitchSession session = new CliSwitchSession(endpoint, dialect, context);
        session.connect();
        return session;
    }
}
