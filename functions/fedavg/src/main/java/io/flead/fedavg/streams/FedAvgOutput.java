package io.flead.fedavg.streams;

import io.flead.model.GlobalModel;
import io.flead.model.UpdateAck;

/** One output of the round processor: a new global model, or the acknowledgement of a consumed update. */
record FedAvgOutput(GlobalModel model, UpdateAck ack) {

  static FedAvgOutput of(GlobalModel model) {
    return new FedAvgOutput(model, null);
  }

  static FedAvgOutput of(UpdateAck ack) {
    return new FedAvgOutput(null, ack);
  }
}
