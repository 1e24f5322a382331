package tandem.net;

import org.junit.jupiter.api.Test;
import tandem.core.Problem;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The streaming multipart reader: fields, files with CRLFs inside, and truncated bodies. */
class MultipartStreamTest {
    private static final String B = "XyZ";

    private static InputStream body(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void reads_fields_and_file_parts_in_order() throws Exception {
        String content = "--" + B + "\r\nContent-Disposition: form-data; name=\"tags[0]\"\r\n\r\nabc\r\n"
                + "--" + B + "\r\nContent-Disposition: form-data; name=\"videofile\"; filename=\"a b.mp4\"\r\nContent-Type: video/mp4\r\n\r\n"
                + "line1\r\n--notTheBoundary\r\nline2" + "\r\n--" + B + "--\r\n";
        MultipartStream ms = new MultipartStream(body(content), B);
        MultipartStream.PartHeaders first = ms.next();
        assertThat(first.name()).isEqualTo("tags[0]");
        assertThat(new String(ms.body().readAllBytes())).isEqualTo("abc");
        MultipartStream.PartHeaders file = ms.next();
        assertThat(file.fileName()).isEqualTo("a b.mp4");
        assertThat(file.contentType()).isEqualTo("video/mp4");
        assertThat(new String(ms.body().readAllBytes())).isEqualTo("line1\r\n--notTheBoundary\r\nline2");
        assertThat(ms.next()).isNull();
    }

    @Test
    void a_truncated_body_is_a_clear_400() {
        String content = "--" + B + "\r\nContent-Disposition: form-data; name=\"videofile\"; filename=\"x.mp4\"\r\n\r\nhalf a vid";
        MultipartStream ms = new MultipartStream(body(content), B);
        assertThatThrownBy(() -> {
            ms.next();
            ms.body().readAllBytes();
        }).isInstanceOf(Problem.class).hasMessageContaining("truncated");
    }

    @Test
    void boundaries_are_read_from_the_content_type() {
        assertThat(MultipartStream.boundaryOf("multipart/form-data; boundary=\"abc\"")).isEqualTo("abc");
        assertThat(MultipartStream.boundaryOf("multipart/form-data; charset=utf-8; boundary=q")).isEqualTo("q");
        assertThat(MultipartStream.boundaryOf("application/json")).isNull();
    }
}
