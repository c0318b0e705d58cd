package io.flead.bench.streams;

import io.flead.model.LocalModelUpdate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deals real local updates into rounds of K updates from K distinct devices, each update used once: a fresh fedavg
 * closes such a round exactly at its K-th update. Devices are taken in turn, so every device's updates are spread
 * over the rounds in their original order.
 */
final class RoundBursts {
    private RoundBursts() {
    }

    /** Up to {@code rounds} rounds of {@code k} updates; fewer when the pool runs out of K distinct devices. */
    static List<List<LocalModelUpdate>> deal(List<LocalModelUpdate> pool, int k, int rounds) {
        Map<String, Deque<LocalModelUpdate>> byDevice = new LinkedHashMap<>();
        pool.forEach(u -> byDevice.computeIfAbsent(u.deviceId(), d -> new ArrayDeque<>()).add(u));
        List<Deque<LocalModelUpdate>> devices = new ArrayList<>(byDevice.values());
        List<List<LocalModelUpdate>> dealt = new ArrayList<>();
        int next = 0;
        while (dealt.size() < rounds) {
            devices.removeIf(Deque::isEmpty);
            if (devices.size() < k) {
                break;
            }
            List<LocalModelUpdate> round = new ArrayList<>(k);
            for (int i = 0; i < k; i++) {
                round.add(devices.get((next + i) % devices.size()).poll());
            }
            next = (next + k) % devices.size();
            dealt.add(round);
        }
        return dealt;
    }
}
