package org.bmsdk.network.internal;

import java.util.Objects;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;

/**
 * What the public drivers of the dialects that are not Cisco-shaped share: a dialect, its
 * commands, and sessions that log in at once.
 */
public final class DialectDriver {

    private final CliDialect dialect;

    /**
     * A driver for one dialect.
     *
     * @param dialect one of {@link CliDialect#JUNIPER_JUNOS}, {@link CliDialect#DELL_OS10},
     *     and the others as they come
     */
    public DialectDriver(CliDialect dialect) {
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        commands();
    }

    /** @return the dialect's id */
    public String dialect() {
        return dialect.id();
    }

    private SwitchCommands commands() {
        switch (dialect.id()) {
            case "juniper_junos":
                return new JunosCommands();
            case "dell_os10":
                return new Os10Commands(dialect);
            case "sonic":
                return new SonicCommands();
            case "cumulus_nvue":
                return new NvueCommands();
            default:
                throw new IllegalArgumentException("no commands for dialect " + dialect.id());
        }
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
        DialectSwitchSession session = new DialectSwitchSession(endpoint, dialect, commands(), context);
        session.connect();
        return session;
    }
}
