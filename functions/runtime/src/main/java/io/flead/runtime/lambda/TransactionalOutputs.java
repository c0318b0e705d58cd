package io.flead.runtime.lambda;

import io.flead.runtime.FunctionConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outputs of a single writer: one transactional producer with a fixed {@code transactional.id}, so that building
 * it in a new container fences every older producer of that id (an older container still alive can no longer commit).
 * The first send of a batch begins a transaction and {@link #flush} commits it: everything sent since is published
 * together or not at all. A fenced producer is dropped and the next send builds a new one, which fences in turn.
 */
public final class TransactionalOutputs implements Outputs {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionalOutputs.class);

  private final Map<String, Object> props;
  private final List<Future<RecordMetadata>> pending = new ArrayList<>();
  private KafkaProducer<byte[], byte[]> producer;
  private boolean open;
  private KafkaException failure;

  public TransactionalOutputs(Map<String, Object> clientProperties, String transactionalId) {
    props = new HashMap<>(clientProperties);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    // a single writer's state (fedavg's open round: up to K whole updates) can exceed the default request size
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, FunctionConfig.MAX_STATE_RECORD_BYTES);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    producer();
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      producer = new KafkaProducer<>(props);
      producer.initTransactions();
      LOG.info("Transactional producer '{}' initialised; older producers of that id are fenced",
          props.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
    }
    return producer;
  }

  @Override
  public void send(String topic, byte[] key, byte[] value, Map<String, byte[]> headers) {
    ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key, value);
    headers.forEach((name, bytes) -> record.headers().add(name, bytes));
    try {
      if (!open) {
        open = true;
        producer().beginTransaction();
      }
      if (failure == null) {
        pending.add(producer.send(record));
      }
    } catch (KafkaException e) {
      // a fenced or failed producer refuses at once; the batch fails as a whole at flush
      failure = e;
    }
  }

  /** Commits the open transaction; returns how many records it published (0 when nothing was sent). */
  @Override
  public int flush() {
    if (!open) {
      return 0;
    }
    int count = pending.size();
    try {
      if (failure != null) {
        throw failure;
      }
      producer.commitTransaction();
      for (Future<RecordMetadata> f : pending) {
        f.get();
      }
      return count;
    } catch (ProducerFencedException | InvalidProducerEpochException e) {
      LOG.warn("A newer container took over transactional id '{}'; this batch is not published",
          props.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG));
      drop();
      throw new PublishFailedException("Fenced by a newer producer of the same transactional.id: " + e, e);
    } catch (KafkaException | ExecutionException e) {
      abort();
      throw new PublishFailedException("Committing the batch's outputs failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abort();
      throw new PublishFailedException("Interrupted while committing outputs", e);
    } finally {
      open = false;
      failure = null;
      pending.clear();
    }
  }

  /** Aborts the open transaction, if any; the producer is dropped when even that fails. */
  public void abort() {
    if (open && producer != null) {
      try {
        producer.abortTransaction();
      } catch (KafkaException e) {
        drop();
      }
    }
    open = false;
    failure = null;
    pending.clear();
  }

  private void drop() {
    if (producer != null) {
      producer.close(Duration.ZERO);
      producer = null;
    }
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(10));
      producer = null;
    }
  }
}
