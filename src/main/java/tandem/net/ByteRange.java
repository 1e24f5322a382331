package tandem.net;

/**
 * One satisfiable byte range of a file, parsed from a `Range` header. Multiple ranges are not
 * supported (we answer those with the whole file, which RFC 9110 allows).
 */
public record ByteRange(long start, long end) {

    public long length() {
        return end - start + 1;
    }

    /** Result of parsing: no range (whole file), a range, or unsatisfiable (416). */
    public sealed interface Parsed permits Whole, Partial, Unsatisfiable {}

    public record Whole() implements Parsed {}

    public record Partial(ByteRange range) implements Parsed {}

    public record Unsatisfiable() implements Parsed {}

    public static Parsed parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=")) return new Whole();
        String spec = header.substring(6).trim();
        if (spec.contains(",")) return new Whole();
        int dash = spec.indexOf('-');
        if (dash < 0) return new Whole();
        try {
            String a = spec.substring(0, dash).trim();
            String b = spec.substring(dash + 1).trim();
            if (a.isEmpty()) {
                if (b.isEmpty()) return new Whole();
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || size == 0) return new Unsatisfiable();
                return new Partial(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long start = Long.parseLong(a);
            long end = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (start >= size || end < start) return new Unsatisfiable();
            return new Partial(new ByteRange(start, end));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }
}
