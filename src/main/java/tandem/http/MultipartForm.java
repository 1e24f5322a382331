package tandem.http;

import tandem.net.MultipartStream;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import tandem.core.Problem;
import tandem.video.Fields;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed multipart form: small text fields in memory, file parts streamed to temp files.
 * The caller owns the temp files and must {@link #close()} the form.
 */
public final class MultipartForm implements AutoCloseable {
    private static final int MAX_FIELD_BYTES = 64 * 1024;
    private static final int MAX_FIELDS = 200;

    private final Fields fields = new Fields();
    private final Map<String, UploadedFile> files = new LinkedHashMap<>();

    /** One file part stored on disk. */
    public record UploadedFile(Path path, String fileName, String contentType, long size) {}

    public static MultipartForm read(ServerRequest req, Path tmpDir, long maxFileBytes) throws IOException {
        String boundary = MultipartStream.boundaryOf(req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null));
        if (boundary == null) throw new Problem(400, null, "Expected a multipart/form-data body with a boundary");
        MultipartForm form = new MultipartForm();
        try (InputStream in = req.content().inputStream()) {
            MultipartStream ms = new MultipartStream(in, boundary);
            int count = 0;
            MultipartStream.PartHeaders part;
            while ((part = ms.next()) != null) {
                if (++count > MAX_FIELDS) throw new Problem(400, null, "Too many form fields");
                if (part.name() == null) continue;
                if (part.fileName() != null) {
                    Path tmp = Files.createTempFile(Files.createDirectories(tmpDir), "form-", ".part");
                    form.files.put(part.name(), new UploadedFile(tmp, part.fileName(), part.contentType(), 0));
                    long size = copyCapped(ms.body(), tmp, maxFileBytes);
                    form.files.put(part.name(), new UploadedFile(tmp, part.fileName(), part.contentType(), size));
                } else {
                    byte[] value = ms.body().readNBytes(MAX_FIELD_BYTES + 1);
                    if (value.length > MAX_FIELD_BYTES) throw new Problem(413, null, "Form field " + part.name() + " is too large");
                    form.fields.add(part.name(), new String(value, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException | RuntimeException e) {
            form.close();
            throw e;
        }
        return form;
    }

    private static long copyCapped(InputStream in, Path target, long max) throws IOException {
        long total = 0;
        byte[] buf = new byte[128 * 1024];
        try (OutputStream out = Files.newOutputStream(target)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
                if (total > max) throw new Problem(413, "max_file_size_reached", "The file is larger than the allowed " + max + " bytes");
                out.write(buf, 0, n);
            }
        }
        return total;
    }

    public Fields fields() { return fields; }

    public UploadedFile file(String name) { return files.get(name); }

    /** Deletes temp files that were not moved elsewhere. */
    @Override
    public void close() {
        for (UploadedFile f : files.values()) {
            try {
                Files.deleteIfExists(f.path());
            } catch (IOException e) {
                // Not fatal: the temp folder is emptied at every start.
                org.slf4j.LoggerFactory.getLogger(MultipartForm.class).warn("cannot delete temp upload {}", f.path(), e);
            }
        }
    }
}
