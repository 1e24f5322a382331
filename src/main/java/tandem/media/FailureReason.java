package tandem.media;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/** Extracts a short, path-free reason from an ffmpeg/ffprobe stderr tail. */
final class FailureReason {
    private static final Pattern CONTEXT_PREFIX = Pattern.compile("^\\[[^]]*@ ?0x[0-9a-f]+] ");
    private static final List<String> BOILERPLATE = List.of(
            "conversion failed", "exiting", "error opening output file", "error opening input file");

    private FailureReason() {
    }

    static String from(List<String> stderrTail, List<String> command) {
        String fallback = "unknown error";
        for (int i = stderrTail.size() - 1; i >= 0; i--) {
            String line = scrub(stderrTail.get(i), command);
            if (line.isBlank()) {
                continue;
            }
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (BOILERPLATE.stream().anyMatch(lower::startsWith)) {
                if (fallback.equals("unknown error")) {
                    fallback = line;
                }
                continue;
            }
            return line;
        }
        return fallback;
    }

    /** Removes server paths and libav context prefixes so the text can be shown to an uploader. */
    static String scrub(String line, List<String> command) {
        String result = CONTEXT_PREFIX.matcher(line.strip()).replaceFirst("");
        for (String arg : command) {
            if (arg.contains("/") && arg.length() > 1 && result.contains(arg)) {
                Path name = Path.of(arg).getFileName();
                result = result.replace(arg, name == null ? "" : name.toString());
            }
        }
        // ffprobe prefixes errors with "<file>: ", which says nothing to the person who uploaded it.
        int colon = result.indexOf(": ");
        if (colon > 0) {
            String head = result.substring(0, colon);
            if (command.stream().anyMatch(a -> a.endsWith(head))) {
                return result.substring(colon + 2).strip();
            }
        }
        return result.strip();
    }
}
