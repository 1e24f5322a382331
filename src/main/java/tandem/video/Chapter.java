package tandem.video;

import tandem.core.Problem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One chapter of a video as PeerTube's API has it: a title from `timecode` (whole seconds) on. */
public record Chapter(int timecode, String title) {
    /** PeerTube's limits on a chapter title. */
    public static final int TITLE_MIN = 1;
    public static final int TITLE_MAX = 100;
    /** More than this is no longer a table of contents. */
    public static final int MAX_CHAPTERS = 100;

    /**
     * Reads `chapters` of a request body (a list of `{timecode, title}`), sorted by timecode; a 400 names the
     * first bad field (`chapters[2].title`). `durationSeconds` bounds the timecodes when it is known (above 0).
     */
    public static List<Chapter> parse(Object raw, int durationSeconds) {
        if (!(raw instanceof List<?> items)) throw Problem.invalidParam("chapters", "Should have a list of chapters");
        if (items.size() > MAX_CHAPTERS) throw Problem.invalidParam("chapters", "Should have at most " + MAX_CHAPTERS + " chapters");
        Map<String, String> errors = new LinkedHashMap<>();
        List<Chapter> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < items.size() && errors.isEmpty(); i++) {
            String at = "chapters[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                errors.put(at, "Should be an object with a timecode and a title");
                break;
            }
            Integer timecode = item.get("timecode") instanceof Number n && n.doubleValue() == Math.floor(n.doubleValue())
                    && n.doubleValue() >= 0 && n.doubleValue() <= Integer.MAX_VALUE ? n.intValue() : null;
            if (timecode == null) errors.put(at + ".timecode", "Should have a timecode in whole seconds, 0 or more");
            else if (durationSeconds > 0 && timecode > durationSeconds) errors.put(at + ".timecode", "Should have a timecode within the video (" + durationSeconds + " s)");
            else if (!seen.add(timecode)) errors.put(at + ".timecode", "Should not repeat the timecode of another chapter");
            String title = item.get("title") instanceof String s ? s.trim() : null;
            if (title == null || title.length() < TITLE_MIN || title.length() > TITLE_MAX) {
                errors.put(at + ".title", "Should have a title of " + TITLE_MIN + " to " + TITLE_MAX + " characters");
            }
            if (errors.isEmpty()) out.add(new Chapter(timecode, title));
        }
        if (!errors.isEmpty()) throw Problem.invalidParams(errors);
        out.sort(java.util.Comparator.comparingInt(Chapter::timecode));
        return List.copyOf(out);
    }
}
