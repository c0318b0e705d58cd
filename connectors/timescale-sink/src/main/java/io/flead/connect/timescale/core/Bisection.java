package io.flead.connect.timescale.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Isolates bad items in a batch by binary splitting: a failing batch is halved until each failing
 * item stands alone; every other item is written in the largest batches that succeed, in order.
 */
public final class Bisection {
    private Bisection() {
    }

    /**
     * Tries {@code attempt} on {@code items} (true means written, false means some item is bad) and returns
     * the items that failed on their own, in order.
     */
    public static <T> List<T> isolate(List<T> items, Predicate<List<T>> attempt) {
        List<T> bad = new ArrayList<>();
        split(items, attempt, bad);
        return bad;
    }

    private static <T> void split(List<T> items, Predicate<List<T>> attempt, List<T> bad) {
        if (items.isEmpty() || attempt.test(items)) {
            return;
        }
        if (items.size() == 1) {
            bad.add(items.get(0));
            return;
        }
        int half = items.size() / 2;
        split(items.subList(0, half), attempt, bad);
        split(items.subList(half, items.size()), attempt, bad);
    }
}
