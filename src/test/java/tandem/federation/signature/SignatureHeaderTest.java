package tandem.federation.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureHeaderTest {

    @Test
    void parses_quoted_values_with_commas_and_escapes_and_bare_numbers() {
        SignatureHeader h = SignatureHeader.parse(
                "keyId=\"https://a.example/u,1#main-key\", algorithm=\"rsa-sha256\",created=1700000000,"
                        + "headers=\"(request-target) Host date\",signature=\"ab\\\"c=\"");
        assertThat(h.keyId()).isEqualTo("https://a.example/u,1#main-key");
        assertThat(h.algorithm()).isEqualTo("rsa-sha256");
        assertThat(h.headers()).containsExactly("(request-target)", "host", "date");
        assertThat(h.signature()).isEqualTo("ab\"c=");
        assertThat(h.created()).isEqualTo(1700000000L);
        assertThat(h.expires()).isNull();
    }

    @Test
    void format_then_parse_gives_the_same_header() {
        SignatureHeader h = new SignatureHeader("https://a.example/actor", "rsa-sha256",
                List.of("(request-target)", "host", "date", "digest"), "c2ln", null, null);
        assertThat(SignatureHeader.parse(h.format())).isEqualTo(h);
    }

    @Test
    void rejects_malformed_input() {
        assertMalformed("", "malformed Signature header: empty");
        assertMalformed("keyId=\"a\",signature=\"abc", "malformed Signature header: unterminated quoted value of signature");
        assertMalformed("signature=\"abc\"", "malformed Signature header: missing keyId");
        assertMalformed("keyId=\"a\"", "malformed Signature header: missing signature");
        assertMalformed("keyId=\"a\",keyId=\"b\",signature=\"x\"", "malformed Signature header: duplicate parameter keyId");
        assertMalformed("keyId=\"a\" signature=\"x\"", "malformed Signature header: expected ',' after the value of keyId");
        assertMalformed("keyId,signature=\"x\"", "malformed Signature header: expected '=' after keyId");
        assertMalformed("keyId=\"a\",created=soon,signature=\"x\"", "malformed Signature header: created is not a number");
    }

    private static void assertMalformed(String raw, String message) {
        assertThatThrownBy(() -> SignatureHeader.parse(raw)).isInstanceOf(SignatureException.class).hasMessage(message);
    }
}
