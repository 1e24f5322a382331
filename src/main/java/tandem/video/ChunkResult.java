package tandem.video;

/** The outcome of one resumable chunk: more bytes wanted (`received` so far) or the finished video. */
public record ChunkResult(long received, Video video) {
    public boolean complete() {
        return video != null;
    }
}
