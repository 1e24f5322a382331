package tandem.video;

/** The payload of the jobs that work on one video (torrent, thumbnail, transcode). */
public record VideoJob(long videoId) {}
