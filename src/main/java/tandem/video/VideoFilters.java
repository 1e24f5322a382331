package tandem.video;

import java.util.List;

/**
 * The narrowing filters of PeerTube's video lists and search beyond scope and category: when a video
 * was published (`startDate`/`endDate`) or first published elsewhere (`originallyPublished…`), in epoch
 * milliseconds, inclusive; how long it lasts in seconds (`durationMin`/`durationMax`, inclusive); its
 * language (`languageOneOf`, where PeerTube's `_unknown` stands for "no language set"). Null means "any".
 */
public record VideoFilters(Long publishedAfter, Long publishedBefore, Long originallyPublishedAfter, Long originallyPublishedBefore,
                           Integer durationMin, Integer durationMax, List<String> languageOneOf) {
    /** No filter at all. */
    public static final VideoFilters NONE = new VideoFilters(null, null, null, null, null, null, List.of());

    /** PeerTube's stand-in for "the video has no language". */
    public static final String UNKNOWN_LANGUAGE = "_unknown";

    public VideoFilters {
        languageOneOf = languageOneOf == null ? List.of() : List.copyOf(languageOneOf);
    }

    /** The languages asked for by code, without {@link #UNKNOWN_LANGUAGE}. */
    public List<String> knownLanguages() {
        return languageOneOf.stream().filter(l -> !l.equals(UNKNOWN_LANGUAGE)).toList();
    }

    /** Whether the videos with no language are asked for. */
    public boolean unknownLanguage() {
        return languageOneOf.contains(UNKNOWN_LANGUAGE);
    }

    /** Whether any filter narrows the list (then the counters' totals no longer apply). */
    public boolean any() {
        return publishedAfter != null || publishedBefore != null || originallyPublishedAfter != null || originallyPublishedBefore != null
                || durationMin != null || durationMax != null || !languageOneOf.isEmpty();
    }
}
