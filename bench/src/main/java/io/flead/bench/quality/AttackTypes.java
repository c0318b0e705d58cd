package io.flead.bench.quality;

import io.flead.datagen.AttackType;
import java.util.Arrays;
import java.util.List;

/** The {@code Attack_type} names the harness knows, indexed as in {@link DeviceRows#type()}: Normal is 0. */
public final class AttackTypes {
    public static final String COLUMN = "Attack_type";
    public static final List<String> NAMES = Arrays.stream(AttackType.values()).map(AttackType::label).toList();

    private AttackTypes() {
    }

    /** The index of a type name, or -1 when it is not a known name. */
    public static byte indexOf(String name) {
        return (byte) NAMES.indexOf(name.trim());
    }
}
