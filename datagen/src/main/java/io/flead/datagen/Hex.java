package io.flead.datagen;

import java.util.SplittableRandom;

/** Lower-case hex strings for the payload and option columns ({@code tcp.payload}, {@code mqtt.msg}, …). */
final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    /** {@code bytes} random bytes as hex. */
    static String random(SplittableRandom rng, int bytes) {
        char[] chars = new char[bytes * 2];
        long bits = 0;
        for (int i = 0; i < chars.length; i++) {
            if ((i & 15) == 0) {
                bits = rng.nextLong();
            }
            chars[i] = DIGITS[(int) (bits & 15)];
            bits >>>= 4;
        }
        return new String(chars);
    }

    /** The hex of a string's ASCII bytes, as Wireshark shows an MQTT message. */
    static String ofAscii(CharSequence text) {
        char[] chars = new char[text.length() * 2];
        for (int i = 0; i < text.length(); i++) {
            int b = text.charAt(i) & 0xff;
            chars[2 * i] = DIGITS[b >>> 4];
            chars[2 * i + 1] = DIGITS[b & 15];
        }
        return new String(chars);
    }
}
