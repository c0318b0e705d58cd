package io.flead.platform.up;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TransactionalIdNotFoundException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts hanging transactions on the embedded broker (KIP-664): a partition holding records of a transaction that its
 * coordinator does not have open on that partition, which no producer will ever end. On a data topic they block every
 * {@code read_committed} reader of the partition for good; on {@code __consumer_offsets} they hold the pending offsets
 * of a consumer group, whose members then wait forever for "the last committed offset" of its partitions. A
 * {@code flead up} killed with SIGKILL (broker included) can leave both behind. Called at start, before any producer
 * of this run exists.
 */
final class HangingTransactions {
    private static final Logger LOG = LoggerFactory.getLogger(HangingTransactions.class);
    private static final long TIMEOUT_S = 60;
    private static final Set<TransactionState> OPEN = Set.of(TransactionState.ONGOING,
        TransactionState.PREPARE_ABORT, TransactionState.PREPARE_COMMIT);

    private HangingTransactions() {
    }

    /**
     * Aborts every hanging transaction on the broker's partitions, internal ones included; returns the partitions
     * where one was aborted.
     */
    static List<TopicPartition> abortAll(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
            .get(TIMEOUT_S, TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        int transactionLogPartitions = 0;
        for (TopicDescription d : admin.describeTopics(topics).allTopicNames().get(TIMEOUT_S, TimeUnit.SECONDS).values()) {
            if (d.name().equals(Topic.TRANSACTION_STATE_TOPIC_NAME)) {
                transactionLogPartitions = d.partitions().size();
                continue; // written by the coordinator itself, never transactionally
            }
            for (TopicPartitionInfo p : d.partitions()) {
                partitions.add(new TopicPartition(d.name(), p.partition()));
            }
        }
        if (partitions.isEmpty() || transactionLogPartitions == 0) {
            return List.of(); // no transaction has ever run on this broker
        }
        awaitCoordinatorLoaded(admin, transactionLogPartitions);
        Map<Long, TransactionListing> listings = new HashMap<>();
        for (TransactionListing t : admin.listTransactions().all().get(TIMEOUT_S, TimeUnit.SECONDS)) {
            listings.put(t.producerId(), t);
        }
        Map<Long, Set<TopicPartition>> openOn = openTransactionPartitions(admin, listings);
        List<TopicPartition> aborted = new ArrayList<>();
        var producers = admin.describeProducers(partitions).all().get(TIMEOUT_S, TimeUnit.SECONDS);
        for (var entry : producers.entrySet()) {
            for (ProducerState p : entry.getValue().activeProducers()) {
                if (p.currentTransactionStartOffset().isEmpty()
                    || openOn.getOrDefault(p.producerId(), Set.of()).contains(entry.getKey())) {
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

    /** The partitions each open transaction covers, by producer id, as its coordinator knows them. */
    private static Map<Long, Set<TopicPartition>> openTransactionPartitions(Admin admin,
        Map<Long, TransactionListing> listings) throws ExecutionException, InterruptedException, TimeoutException {
        List<String> open = listings.values().stream().filter(t -> OPEN.contains(t.state()))
            .map(TransactionListing::transactionalId).toList();
        Map<Long, Set<TopicPartition>> partitions = new HashMap<>();
        if (open.isEmpty()) {
            return partitions;
        }
        for (TransactionDescription d : admin.describeTransactions(open).all().get(TIMEOUT_S, TimeUnit.SECONDS)
            .values()) {
            if (OPEN.contains(d.state())) {
                partitions.put(d.producerId(), new HashSet<>(d.topicPartitions()));
            }
        }
        return partitions;
    }

    /**
     * Waits until the transaction coordinator has loaded every partition of its log: until then it lists none of the
     * transactions of a partition it is still loading, and they would all look hanging. A describe of an unknown
     * transactional id answers "not found" only from a loaded partition (the admin client retries "load in
     * progress"), so one probe id per partition of the log proves it loaded.
     */
    private static void awaitCoordinatorLoaded(Admin admin, int logPartitions)
        throws ExecutionException, InterruptedException, TimeoutException {
        List<String> probes = new ArrayList<>();
        Set<Integer> covered = new HashSet<>();
        for (int i = 0; covered.size() < logPartitions; i++) {
            String id = "flead-coordinator-probe-" + i;
            if (covered.add(Utils.abs(id.hashCode()) % logPartitions)) {
                probes.add(id);
            }
        }
        var results = admin.describeTransactions(probes);
        for (String probe : probes) {
            try {
                results.description(probe).get(TIMEOUT_S, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TransactionalIdNotFoundException)) {
                    throw e;
                }
            }
        }
    }
}
