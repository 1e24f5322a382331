package tandem.core;

import java.util.Map;

/** Validated `start`/`count`/`sort` paging parameters (PeerTube: count defaults to 15, at most 100). */
public record PageRequest(int start, int count, String sortField, boolean descending) {
    public static final int DEFAULT_COUNT = 15;
    public static final int MAX_COUNT = 100;

    public static PageRequest parse(String start, String count, String sort, String defaultSort, java.util.Set<String> sortable) {
        int s = parseInt("start", start, 0);
        int c = parseInt("count", count, DEFAULT_COUNT);
        if (s < 0) throw Problem.invalidParam("start", "Should have a number start");
        if (c < 0 || c > MAX_COUNT) throw Problem.invalidParam("count", "Should have a number count between 0 and " + MAX_COUNT);
        String sortText = sort == null || sort.isBlank() ? defaultSort : sort;
        boolean desc = sortText.startsWith("-");
        String field = desc ? sortText.substring(1) : sortText;
        if (!sortable.contains(field)) {
            throw Problem.invalidParams(Map.of("sort", "Should have correct sortable column: " + String.join(", ", sortable)));
        }
        return new PageRequest(s, c, field, desc);
    }

    private static int parseInt(String name, String text, int fallback) {
        if (text == null || text.isBlank()) return fallback;
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw Problem.invalidParam(name, "Should have a number " + name);
        }
    }
}
