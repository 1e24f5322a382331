package tandem.media;

/**
 * A segment's bytes inside a single-file HLS rendition.
 *
 * @param offset first byte
 * @param length number of bytes
 */
public record ByteRange(long offset, long length) {

    /** Returns the last byte, inclusive. */
    public long end() {
        return offset + length - 1;
    }

    /** Returns PeerTube's key for this range in the segments-sha256 JSON: {@code start-end}, end inclusive. */
    public String key() {
        return offset + "-" + end();
    }
}
