package io.flead.connect.timescale.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer for COPY data, written big-endian as PostgreSQL's binary format wants. */
public final class ByteChunk {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] bytes;
    private int length;

    public ByteChunk(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public void clear() {
        length = 0;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
        }
    }

    void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, length, b.length);
        length += b.length;
    }

    void putByte(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
    }

    void putShort(int v) {
        ensure(2);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
    }

    void putInt(int v) {
        ensure(4);
        INT.set(bytes, length, v);
        length += 4;
    }

    void putLong(long v) {
        ensure(8);
        LONG.set(bytes, length, v);
        length += 8;
    }

    /** A length-prefixed 8-byte value (an int8, float8 or timestamptz cell), with one bounds check. */
    void putCell8(long v) {
        ensure(12);
        INT.set(bytes, length, 8);
        LONG.set(bytes, length + 4, v);
        length += 12;
    }

    /** Appends {@code s} as UTF-8, preceded by its byte length (an int32), plus {@code prefix} bytes counted in it. */
    void putText(String s, int prefixByte) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        int extra = prefixByte < 0 ? 0 : 1;
        putInt(utf8.length + extra);
        if (extra == 1) {
            putByte(prefixByte);
        }
        put(utf8);
    }
}
