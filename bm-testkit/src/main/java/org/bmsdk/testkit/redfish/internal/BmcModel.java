package org.bmsdk.testkit.redfish.internal;

import java.time.Clock;
import java.util.List;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.bmsdk.testkit.redfish.VirtualMediaPlacement;

/**
 * What the resources of one BMC share: its spec, the systems it serves, and its sessions, tasks
 * and event subscriptions; and the paths of its resources, built in one place.
 */
public final class BmcModel {

    /** The service root's path. */
    public static final String ROOT = "/redfish/v1";

    private final RedfishSpec spec;
    private final List<SystemState> systems;
    private final SessionStore sessions;
    private final TaskStore tasks;
    private final EventHub events;

    /**
     * @param spec the BMC's spec
     * @param systems the systems, in order
     * @param sessions its sessions
     * @param tasks its tasks
     * @param events its event subscriptions
     */
    public BmcModel(RedfishSpec spec, List<SystemState> systems, SessionStore sessions, TaskStore tasks,
            EventHub events) {
        this.spec = spec;
        this.systems = List.copyOf(systems);
        this.sessions = sessions;
        this.tasks = tasks;
        this.events = events;
    }

    /** @return the spec */
    public RedfishSpec spec() {
        return spec;
    }

    /** @return the clock */
    public Clock clock() {
        return spec.clock();
    }

    /** @return the systems */
    public List<SystemState> systems() {
        return systems;
    }

    /** @return the sessions */
    public SessionStore sessions() {
        return sessions;
    }

    /** @return the tasks */
    public TaskStore tasks() {
        return tasks;
    }

    /** @return the event subscriptions */
    public EventHub events() {
        return events;
    }

    /**
     * A system by resource id.
     *
     * @param call the request, for the 404 message
     * @param id the id
     * @return the system
     * @throws RedfishException 404 when there is none
     */
    public SystemState system(Call call, String id) {
        for (SystemState s : systems) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw notFound(call);
    }

    /**
     * The 404 for a request.
     *
     * @param call the request
     * @return the exception to throw
     */
    public static RedfishException notFound(Call call) {
        return new RedfishException(404, Messages.resourceMissing(call.path()));
    }

    /** @return whether virtual media sits under the manager */
    public boolean mediaUnderManager() {
        return spec.virtualMediaPlacement() == VirtualMediaPlacement.MANAGER;
    }

    /**
     * @param id a system id
     * @return the System's path
     */
    public static String systemPath(String id) {
        return Paths.join(ROOT + "/Systems", id);
    }

    /**
     * @param id a system id
     * @return the Chassis' path
     */
    public static String chassisPath(String id) {
        return Paths.join(ROOT + "/Chassis", id);
    }

    /**
     * @param id a system id
     * @return the Manager's path
     */
    public static String managerPath(String id) {
        return Paths.join(ROOT + "/Managers", id);
    }

    /**
     * @param id a system id
     * @return the VirtualMedia collection's path, under the manager or the system
     */
    public String virtualMediaPath(String id) {
        return (mediaUnderManager() ? managerPath(id) : systemPath(id)) + "/VirtualMedia";
    }
}
