package io.flead.fedavg.core;

import io.flead.model.LocalModelUpdate;
import io.flead.model.Rejection;

/**
 * What became of an update on arrival: taken into the round ({@code rejection} null), possibly displacing the
 * device's older update ({@code displaced}), or rejected at once with the reason (it took no slot of the round).
 */
public record Arrival(LocalModelUpdate update, Rejection rejection, LocalModelUpdate displaced) {

    public boolean accepted() {
        return rejection == null;
    }
}
