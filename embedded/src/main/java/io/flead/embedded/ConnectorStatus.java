package io.flead.embedded;

import java.util.List;

/** The state of a connector and its tasks as {@code GET /connectors/{name}/status} reports it. */
public record ConnectorStatus(String name, String state, String workerId, String trace, List<TaskStatus> tasks) {

    public ConnectorStatus {
        tasks = List.copyOf(tasks);
    }

    /** The state of one task. */
    public record TaskStatus(int id, String state, String workerId, String trace) {
    }

    /** True when the connector and exactly {@code taskCount} tasks are RUNNING. */
    public boolean isRunning(int taskCount) {
        return "RUNNING".equals(state) && tasks.size() == taskCount
                && tasks.stream().allMatch(t -> "RUNNING".equals(t.state()));
    }

    /** True when the connector or any task FAILED. */
    public boolean hasFailed() {
        return "FAILED".equals(state) || tasks.stream().anyMatch(t -> "FAILED".equals(t.state()));
    }

    /** The first failure trace, connector first, then tasks; null when nothing failed. */
    public String firstTrace() {
        if ("FAILED".equals(state)) {
            return trace;
        }
        return tasks.stream().filter(t -> "FAILED".equals(t.state())).map(TaskStatus::trace).findFirst().orElse(null);
    }
}
