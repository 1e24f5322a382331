package tandem.video;

import java.util.List;

/** The stored files (keys or key prefixes) of a deleted video, removed by a job once its row is gone. */
public record DeleteFilesJob(String uuid, List<String> keys) {
    public DeleteFilesJob {
        keys = keys == null ? List.of() : List.copyOf(keys); // a row without keys has nothing to delete
    }
}
