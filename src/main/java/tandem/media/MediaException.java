package tandem.media;

import java.io.Serial;

/** A media file could not be probed, transcoded or rendered; the message is safe to show to the uploader. */
public final class MediaException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Technical context (e.g. ffmpeg's stderr tail) that belongs in logs, never in front of users. */
    private final String detail;

    public MediaException(String message) {
        this(message, "", null);
    }

    public MediaException(String message, String detail) {
        this(message, detail, null);
    }

    public MediaException(String message, String detail, Throwable cause) {
        super(message, cause);
        this.detail = detail == null ? "" : detail;
    }

    /** Returns diagnostic text for operators (may contain server paths); empty when there is none. */
    public String detail() {
        return detail;
    }
}
