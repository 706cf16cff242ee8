package org.bmsdk.testkit.network.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The configurations of one simulated switch, running and saved, shared by its CLI sessions. Every
 * read and change holds this object's monitor, so that each command is atomic, as on a switch.
 */
public final class SwitchState {

    private final Dialect dialect;
    /** What is cabled to each port: whether its far end has carrier now. Physical, not configuration. */
    private final Map<String, BooleanSupplier> carriers = new ConcurrentHashMap<>();
    private SwitchModel running;
    private SwitchModel saved;

    SwitchState(Dialect dialect, SwitchModel initial) {
        this.dialect = dialect;
        this.running = initial;
        this.saved = initial.copy();
    }

    /**
     * A switch in its factory state.
     *
     * @param dialectId netmiko's device type
     * @param hostname its host name
     * @param ports its ports
     * @return the state
     */
    public static SwitchState create(String dialectId, String hostname, List<String> ports) {
        return new SwitchState(Dialects.byId(dialectId), new SwitchModel(hostname, ports));
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * Reads or changes the running configuration atomically.
     *
     * @param <T> what the function returns
     * @param f the function
     * @return its result
     */
    public synchronized <T> T running(Function<SwitchModel, T> f) {
        return f.apply(running);
    }

    /**
     * Reads the saved configuration atomically.
     *
     * @param <T> what the function returns
     * @param f the function
     * @return its result
     */
    public synchronized <T> T saved(Function<SwitchModel, T> f) {
        return f.apply(saved);
    }

    /**
     * Cables a port to a far end.
     *
     * @param port the port
     * @param carrier whether the far end has carrier (a NIC of a powered machine)
     */
    public void cable(String port, BooleanSupplier carrier) {
        carriers.put(port, carrier);
    }

    /**
     * Whether a port's far end has carrier; an uncabled port has none.
     *
     * @param port the port
     * @return true when its far end is there and powered
     */
    public boolean carrier(String port) {
        BooleanSupplier c = carriers.get(port);
        return c != null && c.getAsBoolean();
    }

    /**
     * Whether a port has link now, as every dialect's link-state command prints it: it is enabled
     * and its far end has carrier; a LAG interface has link while it is enabled and one of its
     * members has.
     *
     * @param m the running configuration
     * @param p one of its ports
     * @return true when the port has link
     */
    public boolean link(SwitchModel m, SwitchModel.Port p) {
        if (p.shutdown) {
            return false;
        }
        if (p.lagInterface) {
            return m.ports().values().stream().anyMatch(q -> p.name.equals(q.lag) && link(m, q));
        }
        return carrier(p.name);
    }

    /** Copies the running configuration to the saved one. */
    public synchronized void save() {
        saved = running.copy();
    }

    /** Throws away unsaved changes, as a reload does. */
    public synchronized void reload() {
        running = saved.copy();
    }

    /**
     * Prints the running configuration as {@code show running-config} would.
     *
     * @return the text, lines ending in {@code \n}
     */
    public synchronized String runningConfigText() {
        return Dialects.runningConfig(dialect, running);
    }
}
