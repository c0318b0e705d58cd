package io.flead.fedavg.core;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * The server optimiser's state after a version ({@link ServerOptimizer}): FedAvgM's momentum, or FedAdam's first and
 * second moments, one value per parameter (weights then bias). Kept in that version's {@link VersionRecord}, so it
 * lives in the same state store (and changelog) as the model history and survives a restart with it.
 *
 * @param first momentum (FedAvgM) or first moment m (FedAdam)
 * @param second second moment v (FedAdam; empty for FedAvgM)
 */
public record ServerState(@JsonProperty("first") double[] first, @JsonProperty("second") double[] second) {

    public ServerState {
        first = first == null ? new double[0] : first;
        second = second == null ? new double[0] : second;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerState s && Arrays.equals(first, s.first) && Arrays.equals(second, s.second);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(first) * 31 + Arrays.hashCode(second);
    }

    @Override
    public String toString() {
        return "ServerState[first=" + Arrays.toString(first) + ", second=" + Arrays.toString(second) + "]";
    }
}
