package io.flead.connect.csv;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes a record's bytes as strict UTF-8, reporting where invalid bytes sit; not thread-safe. */
public final class LineDecoder {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer chars = CharBuffer.allocate(1024);
    private int errorIndex = -1;

    /** The text of {@code bytes[0..length)}, or null when they are not valid UTF-8 (see {@link #errorIndex()}). */
    public String decode(byte[] bytes, int length) {
        errorIndex = -1;
        // The JDK's lenient decoder is intrinsified; only text holding U+FFFD (a replaced invalid byte, or a
        // genuine U+FFFD) needs the strict decoder, which also tells where the invalid byte is.
        String lenient = new String(bytes, 0, length, StandardCharsets.UTF_8);
        if (lenient.indexOf('\uFFFD') < 0) {
            return lenient;
        }
        if (chars.capacity() < length) {
            chars = CharBuffer.allocate(length);
        }
        chars.clear();
        decoder.reset();
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CoderResult result = decoder.decode(in, chars, true);
        if (result.isError()) {
            errorIndex = in.position();
            return null;
        }
        result = decoder.flush(chars);
        if (result.isError()) {
            errorIndex = in.position();
            return null;
        }
        chars.flip();
        return chars.toString();
    }

    /** The byte index of the first invalid byte of the last failed decode, or -1. */
    public int errorIndex() {
        return errorIndex;
    }
}
