package org.bmsdk.testkit.redfish.internal;

import static org.bmsdk.testkit.redfish.internal.BmcModel.ROOT;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The task service: tasks and their monitors. A monitor answers 202 with the task while it runs
 * and 204 once it has finished (the operations here have no result body); a task deleted after
 * finishing, as on iDRAC, answers 404 on both.
 */
final class TaskResources {

    static final String TASKS = ROOT + "/TaskService/Tasks";
    static final String MONITORS = ROOT + "/TaskService/TaskMonitors";

    private final BmcModel bmc;

    TaskResources(BmcModel bmc) {
        this.bmc = bmc;
    }

    void register(Routes r) {
        r.get(ROOT + "/TaskService", c -> {
            ObjectNode o = Json.resource(ROOT + "/TaskService", "#TaskService.v1_3_0.TaskService", "TaskService",
                    "Task Service");
            o.put("ServiceEnabled", true);
            o.put("CompletedTaskOverWritePolicy", "Oldest");
            o.put("LifeCycleEventOnTaskStateChange", false);
            o.put("DateTime", bmc.clock().instant().toString());
            o.set("Status", Json.status("Enabled", "OK"));
            o.set("Tasks", Json.link(TASKS));
            return o;
        });
        r.get(TASKS, c -> Json.collection(TASKS, "TaskCollection", "Task Collection",
                bmc.tasks().ids().stream().map(id -> Paths.join(TASKS, id)).toList()));
        r.get(TASKS + "/{task}", c -> task(bmc.tasks().get(c.param("task")).orElseThrow(() -> BmcModel.notFound(c))));
        r.router().add("GET", MONITORS + "/{task}", c -> {
            TaskStore.View v = bmc.tasks().get(c.param("task")).orElseThrow(() -> BmcModel.notFound(c));
            if (v.finished()) {
                return Response.empty(204);
            }
            return Response.json(202, task(v)).header("Location", Paths.join(MONITORS, v.id()))
                    .header("Retry-After", "1");
        });
    }

    /**
     * The answer to an action that started a task: 202 with the monitor's Location and the task.
     *
     * @param id the task's id
     * @return the answer
     */
    Response started(String id) {
        TaskStore.View v = bmc.tasks().get(id).orElseThrow(() -> new IllegalStateException("task " + id + " vanished"));
        return Response.json(202, task(v)).header("Location", Paths.join(MONITORS, id));
    }

    private static ObjectNode task(TaskStore.View v) {
        ObjectNode o = Json.resource(Paths.join(TASKS, v.id()), "#Task.v1_7_4.Task", v.id(), v.name());
        o.put("TaskState", v.finished() ? "Completed" : "Running");
        o.put("TaskStatus", "OK");
        o.put("PercentComplete", v.percent());
        o.put("StartTime", v.start().toString());
        v.end().ifPresent(e -> o.put("EndTime", e.toString()));
        o.put("TaskMonitor", Paths.join(MONITORS, v.id()));
        ArrayNode messages = Json.array();
        messages.add(Messages.extendedInfo(v.finished() ? Messages.taskCompleted(v.id()) : Messages.taskStarted(v.id())));
        o.set("Messages", messages);
        return o;
    }
}
