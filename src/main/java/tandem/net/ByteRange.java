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

    /**
     * RFC 9110 §14.1.2: a range whose syntax is invalid (`5-1`, `--1`, `+5-`) makes the server ignore
     * the header and send the whole file; only a valid range that starts past the end is a 416.
     */
    public static Parsed parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=")) return new Whole();
        String spec = header.substring(6).trim();
        if (spec.contains(",")) return new Whole();
        int dash = spec.indexOf('-');
        if (dash < 0) return new Whole();
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        if (!digits(a) || !digits(b) || (a.isEmpty() && b.isEmpty())) return new Whole();
        try {
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix == 0 || size == 0) return new Unsatisfiable();
                return new Partial(new ByteRange(Math.max(0, size - suffix), size - 1));
            }
            long start = Long.parseLong(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (last < start) return new Whole();
            if (start >= size) return new Unsatisfiable();
            return new Partial(new ByteRange(start, Math.min(last, size - 1)));
        } catch (NumberFormatException e) {
            return new Whole(); // more digits than a long holds
        }
    }

    /** Only ASCII digits (none is allowed: an open end); `Long.parseLong` would also take a sign. */
    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }
}
