package io.flead.datagen;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes rows in Edge-IIoTset's CSV format: comma-separated, no quoting (no generated value contains a
 * comma, quote or line break), integers without decimals, {@code udp.time_delta} with 6 decimals, LF endings.
 */
final class CsvRowFormatter {

    private final StringBuilder line = new StringBuilder(512);
    private final FrameTimeFormat time = new FrameTimeFormat();

    void writeHeader(Writer out) throws IOException {
        out.write(EdgeIiotSchema.headerLine());
        out.write('\n');
    }

    void write(PacketRow row, Writer out) throws IOException {
        line.setLength(0);
        for (int i = 0; i < EdgeIiotSchema.WIDTH; i++) {
            if (i > 0) {
                line.append(',');
            }
            switch (EdgeIiotSchema.typeOf(i)) {
                case TIME -> time.append(line, row.timeMicros);
                case TEXT -> line.append(row.text[i]);
                case INTEGER -> line.append((long) row.num[i]);
                case DECIMAL -> appendDecimal(line, row.num[i]);
            }
        }
        line.append('\n');
        out.append(line);
    }

    /** Appends a non-negative or negative value with exactly 6 decimals. */
    static void appendDecimal(StringBuilder out, double value) {
        long scaled = Math.round(value * 1_000_000.0);
        if (scaled < 0) {
            out.append('-');
            scaled = -scaled;
        }
        out.append(scaled / 1_000_000L).append('.');
        long fraction = scaled % 1_000_000L;
        for (long limit = 100_000L; limit > 1 && fraction < limit; limit /= 10) {
            out.append('0');
        }
        out.append(fraction);
    }
}
