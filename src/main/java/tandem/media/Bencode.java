package tandem.media;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Minimal bencoding (BitTorrent's serialization): integers, byte strings, lists and dictionaries. */
final class Bencode {
    private Bencode() {
    }

    /** Encodes Long/Integer, byte[], String (UTF-8), List and Map with String keys. */
    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, Object value) {
        switch (value) {
            case Integer i -> ascii(out, "i" + i + "e");
            case Long l -> ascii(out, "i" + l + "e");
            case byte[] bytes -> {
                ascii(out, bytes.length + ":");
                out.writeBytes(bytes);
            }
            case String s -> write(out, s.getBytes(StandardCharsets.UTF_8));
            case List<?> list -> {
                out.write('l');
                list.forEach(item -> write(out, item));
                out.write('e');
            }
            case Map<?, ?> map -> {
                out.write('d');
                // The spec requires keys sorted as raw byte strings, not by Java's UTF-16 order.
                map.entrySet().stream()
                        .sorted((a, b) -> Arrays.compareUnsigned(utf8(a.getKey()), utf8(b.getKey())))
                        .forEach(e -> {
                            write(out, utf8(e.getKey()));
                            write(out, e.getValue());
                        });
                out.write('e');
            }
            default -> throw new IllegalArgumentException("Cannot bencode " + value.getClass());
        }
    }

    private static byte[] utf8(Object key) {
        return ((String) key).getBytes(StandardCharsets.UTF_8);
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
