package io.flead.platform.up;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts hanging transactions on the embedded broker (KIP-664): a partition holding records of a transaction that its
 * coordinator no longer has open, which no producer will ever end. They block every {@code read_committed} reader of
 * the partition for good; a {@code flead up} killed with SIGKILL (broker included) can leave them behind. Called at
 * start, before any producer of this run exists.
 */
final class HangingTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);
    private static final long TIMEOUT_S = 60;
    private static final Set<TransactionState> OPEN = Set.of(TransactionState.ONGOING,
        TransactionState.PREPARE_ABORT, TransactionState.PREPARE_COMMIT);

    private HangingTransactions() {
    }

    /** Aborts every hanging transaction on the broker's topics; returns the partitions where one was aborted. */
    static List<TopicPartition> abortAll(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> topics = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS).values()) {
            for (TopicPartitionInfo p : d.partitions()) {
                partitions.add(new TopicPartition(d.name(), p.partition()));
            }
        }
        if (partitions.isEmpty()) {
            return List.of();
        }
        Map<Long, TransactionState> coordinatorStates = new HashMap<>();
        for (TransactionListing t : admin.listTransactions().all().get(TIMEOUT_S, TimeUnit.SECONDS)) {
            coordinatorStates.put(t.producerId(), t.state());
        }
        List<TopicPartition> aborted = new ArrayList<>();
        var producers = admin.describeProducers(partitions).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        for (var entry : producers.entrySet()) {
            for (ProducerState p : entry.getValue().activeProducers()) {
                TransactionState state = coordinatorStates.get(p.producerId());
                if (p.currentTransactionStartOffset().isEmpty() || state != null && OPEN.contains(state)) {
                    continue; // no transaction here, or one its coordinator will end (commit, abort or time out)
                }
                admin.abortTransaction(new AbortTransactionSpec(entry.getKey(), p.producerId(),
                    (short) p.producerEpoch(), p.coordinatorEpoch().orElse(-1))).all().get(TIMEOUT_S, TimeUnit.SECONDS);
                LOG.warn("Aborted a hanging transaction of producer {} (epoch {}) on {} from offset {}, left by a "
                    + "killed run", p.producerId(), p.producerEpoch(), entry.getKey(),
                    p.currentTransactionStartOffset().getAsLong());
                aborted.add(entry.getKey());
            }
        }
        return aborted;
    }
}
