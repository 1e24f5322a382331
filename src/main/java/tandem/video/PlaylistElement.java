package tandem.video;

/** One video at one position of a playlist (positions start at 1). */
public record PlaylistElement(long id, int position, Integer startTimestamp, Integer stopTimestamp, Video video) {}
