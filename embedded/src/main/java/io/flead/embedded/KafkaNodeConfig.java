package io.flead.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The server properties of a single-node KRaft broker+controller with a dynamic quorum and ephemeral ports. */
final class KafkaNodeConfig {

    static final int NODE_ID = 1;
    static final String BROKER_LISTENER = "BROKER";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private KafkaNodeConfig() {
    }

    /** The properties for a node whose log lives in {@code logDir}; {@code extra} wins over the defaults. */
    static Map<String, String> properties(Path logDir, Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("listeners", BROKER_LISTENER + "://localhost:0," + CONTROLLER_LISTENER + "://localhost:0");
        props.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        // Dynamic quorum (KIP-853): no static voters, so the controller may bind port 0.
        props.put("controller.quorum.bootstrap.servers", "localhost:0");
        props.put("log.dirs", logDir.toString());
        // the cleaner clears its whole offset map before cleaning a log: at the 128 MiB default that clearing was a
        // tenth of all CPU time of a flead up replay (Streams changelogs are compacted all the time); 16 MiB still
        // holds about 700,000 keys per cleaning pass, far more than any changelog segment here
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 << 20));
        props.putAll(singleNodeDefaults());
        props.putAll(extra);
        return props;
    }

    /** Replication and timing settings without which clients of a one-broker cluster hang. */
    static Map<String, String> singleNodeDefaults() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("default.replication.factor", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        return props;
    }
}
