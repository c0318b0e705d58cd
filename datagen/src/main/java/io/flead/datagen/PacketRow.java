package io.flead.datagen;

import java.util.Arrays;
import java.util.stream.IntStream;

/** One mutable CSV row being built: numeric values and text values by column position, plus the time. */
final class PacketRow {

    private static final int[] TEXT_INDEXES = textIndexes();

    final double[] num = new double[EdgeIiotSchema.WIDTH];
    final String[] text = new String[EdgeIiotSchema.WIDTH];
    long timeMicros;

    /** Resets every numeric column to 0 and every text column to "0", as the real files mark absent fields. */
    void clear() {
        Arrays.fill(num, 0);
        for (int index : TEXT_INDEXES) {
            text[index] = "0";
        }
    }

    void set(int column, double value) {
        num[column] = value;
    }

    void text(int column, String value) {
        text[column] = value;
    }

    double get(int column) {
        return num[column];
    }

    private static int[] textIndexes() {
        return IntStream.range(0, EdgeIiotSchema.WIDTH)
            .filter(i -> EdgeIiotSchema.typeOf(i) == EdgeIiotSchema.ColumnType.TEXT)
            .toArray();
    }
}
