package io.flead.connect.csv;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A row's numeric features in column order: an insertion-ordered, read-only map backed by arrays and the
 * header's shared names, so that building one costs no hashing.
 */
public final class FeatureMap extends AbstractMap<String, Object> {

    private final FeatureNames names;
    private final int[] slots;
    private final Object[] values;
    private int size;

    FeatureMap(FeatureNames names) {
        this.names = names;
        this.slots = new int[names.size()];
        this.values = new Object[names.size()];
    }

    /** Adds the value of feature {@code slot}; each slot at most once, in column order. */
    void add(int slot, Object value) {
        slots[size] = slot;
        values[size++] = value;
    }

    @Override
    public int size() {
        return size;
    }

    FeatureNames names() {
        return names;
    }

    int slotAt(int index) {
        return slots[index];
    }

    Object valueAt(int index) {
        return values[index];
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(names.name(slots[i]), values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
