package tandem.video;

import tandem.testing.TestClient;
import tandem.testing.TestClient.Response;

import java.net.http.HttpRequest;
import java.util.Arrays;

/** PeerTube's resumable upload requests as a client sends them, for the upload tests. */
final class ResumableCalls {
    private static final String PATH = "/api/v1/videos/upload-resumable";

    private ResumableCalls() {}

    /** Starts (or resumes) the upload of `fileName` into the client's first channel. */
    static Response init(TestClient c, String fileName, long size, long lastModified) {
        long channel = c.me().at("/videoChannels/0/id").asLong();
        return c.send(c.builder(PATH)
                .header("Content-Type", "application/json")
                .header("X-Upload-Content-Length", String.valueOf(size))
                .header("X-Upload-Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Resumed video\",\"channelId\":" + channel
                        + ",\"filename\":\"" + fileName + "\",\"lastModified\":" + lastModified + ",\"tags\":[\"abc\"]}")));
    }

    /** The upload_id in an init answer's Location. */
    static String uploadId(Response init) {
        String location = init.header("Location");
        return location.substring(location.indexOf("upload_id=") + "upload_id=".length());
    }

    /** Sends bytes [start, end) of `all`. */
    static Response chunk(TestClient c, String id, byte[] all, int start, int end) {
        return c.send(c.builder(PATH + "?upload_id=" + id)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Range", "bytes " + start + "-" + (end - 1) + "/" + all.length)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(all, start, end))));
    }

    static Response cancel(TestClient c, String id) {
        return c.send(c.builder(PATH + "?upload_id=" + id).DELETE());
    }
}
