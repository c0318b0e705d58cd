package io.flead.bench.chaos;

import java.time.Duration;

/**
 * The faults the chaos suite injects, each on one process of the stack: a SIGKILL and a restart, a clean stop with a
 * restart after an outage, a hang (SIGSTOP, then SIGCONT), or a clean restart.
 */
enum FaultKind {
    CONNECT_KILL("connect", Action.KILL, Duration.ZERO),
    LOCAL_TRAIN_KILL("local-train", Action.KILL, Duration.ZERO),
    FEDAVG_KILL("fedavg", Action.KILL, Duration.ZERO),
    SCORE_KILL("score", Action.KILL, Duration.ZERO),
    DRIFT_CHECK_KILL("drift-check", Action.KILL, Duration.ZERO),
    POSTGRES_KILL("postgres", Action.KILL, Duration.ZERO),
    POSTGRES_OUTAGE("postgres", Action.STOP, Duration.ofSeconds(30)),
    POSTGRES_HANG("postgres", Action.HANG, Duration.ofSeconds(20)),
    BROKER_RESTART("broker", Action.STOP, Duration.ZERO);

    /** What happens to the process. */
    enum Action {
        /** SIGKILL, then a restart at once. */
        KILL,
        /** A clean stop (SIGTERM), a pause of {@link #pause}, then a restart. */
        STOP,
        /** SIGSTOP of the process and its children for {@link #pause}, then SIGCONT. */
        HANG
    }

    private final String component;
    private final Action action;
    private final Duration pause;

    FaultKind(String component, Action action, Duration pause) {
        this.component = component;
        this.action = action;
        this.pause = pause;
    }

    /** The process it hits: {@code broker}, {@code connect}, {@code postgres} or a function's name. */
    String component() {
        return component;
    }

    Action action() {
        return action;
    }

    /** How long the process stays stopped or hung before it is restarted or continued. */
    Duration pause() {
        return pause;
    }

    /** Whether the fault hits one of the four functions (its progress is its group's committed offsets). */
    boolean hitsFunction() {
        return !component.equals("connect") && !component.equals("postgres") && !component.equals("broker");
    }

    /** {@code connect-kill}, {@code postgres-hang}, …: the name the plan and the report print. */
    String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
