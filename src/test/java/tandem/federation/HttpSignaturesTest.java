package tandem.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import tandem.federation.signature.HttpSignatures;
import tandem.federation.signature.KeyLookup;
import tandem.federation.signature.SignatureException;
import tandem.federation.signature.Signer;
import tandem.federation.signature.VerifiedSignature;

class HttpSignaturesTest {
    private static final String ACTOR = "https://alice.example/accounts/alice";
    private static final URI INBOX = URI.create("https://bob.example/inbox");
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final byte[] BODY = "{\"type\":\"Follow\"}".getBytes(StandardCharsets.UTF_8);
    private static final Signer ALICE = new Signer(ACTOR + "#main-key", TestKeys.ALICE_PRIVATE);
    private static final KeyLookup ALICE_KEY = (actor, refresh) -> TestKeys.ALICE_PUBLIC;

    private final HttpSignatures signatures = new HttpSignatures(Duration.ofSeconds(1800));

    @Test
    void digest_is_sha256_base64() {
        // echo -n '' | openssl dgst -sha256 -binary | base64
        assertThat(HttpSignatures.digest(new byte[0])).isEqualTo("SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    }

    @Test
    void signed_post_has_the_headers_peertube_expects_and_verifies() {
        Map<String, String> headers = HttpSignatures.signPost(ALICE, URI.create("https://bob.example:8443/inbox?x=1"), BODY, NOW);
        assertThat(headers).containsOnlyKeys("Host", "Date", "Digest", "Signature");
        assertThat(headers.get("Host")).isEqualTo("bob.example:8443");
        assertThat(headers.get("Date")).isEqualTo("Sun, 01 Mar 2026 12:00:00 GMT");
        assertThat(headers.get("Digest")).isEqualTo(HttpSignatures.digest(BODY));
        assertThat(headers.get("Signature"))
                .startsWith("keyId=\"" + ACTOR + "#main-key\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest\",signature=\"");

        VerifiedSignature v = signatures.verify("POST", "/inbox?x=1", lookup(headers), BODY, ALICE_KEY, NOW);
        assertThat(v).isEqualTo(new VerifiedSignature(ACTOR, ACTOR + "#main-key"));
    }

    @Test
    void signed_get_verifies_and_omits_digest() {
        Map<String, String> headers = HttpSignatures.signGet(ALICE, URI.create("https://bob.example/outbox?page=2"), NOW);
        assertThat(headers).containsOnlyKeys("Host", "Date", "Signature");
        assertThat(headers.get("Host")).isEqualTo("bob.example");
        assertThat(headers.get("Signature")).contains("headers=\"(request-target) host date\"");
        assertThat(signatures.verify("GET", "/outbox?page=2", lookup(headers), null, ALICE_KEY, NOW).actorUrl()).isEqualTo(ACTOR);
    }

    @Test
    void default_port_is_left_out_of_host() {
        assertThat(HttpSignatures.host(URI.create("https://bob.example:443/inbox"))).isEqualTo("bob.example");
        assertThat(HttpSignatures.host(URI.create("http://bob.example:80/inbox"))).isEqualTo("bob.example");
        assertThat(HttpSignatures.host(URI.create("http://127.0.0.1:8080/inbox"))).isEqualTo("127.0.0.1:8080");
        assertThat(HttpSignatures.host(URI.create("http://[::1]:8080/inbox"))).isEqualTo("[::1]:8080");
    }

    @Test
    void missing_signature_is_rejected() {
        Map<String, String> headers = signedPost();
        headers.remove("Signature");
        assertRejected("POST", "/inbox", headers, BODY, ALICE_KEY).hasMessage("missing Signature header");
    }

    @Test
    void malformed_signature_header_is_rejected() {
        Map<String, String> headers = signedPost();
        headers.put("Signature", "keyId=\"" + ACTOR + "\",signature=\"abc");
        assertRejected("POST", "/inbox", headers, BODY, ALICE_KEY)
                .hasMessage("malformed Signature header: unterminated quoted value of signature");
    }

    @Test
    void wrong_key_is_rejected_after_exactly_one_refresh() {
        AtomicInteger refreshes = new AtomicInteger();
        AtomicInteger lookups = new AtomicInteger();
        KeyLookup mallory = (actor, refresh) -> {
            lookups.incrementAndGet();
            if (refresh) {
                refreshes.incrementAndGet();
            }
            return TestKeys.MALLORY_PUBLIC;
        };
        assertRejected("POST", "/inbox", signedPost(), BODY, mallory)
                .hasMessage("signature does not verify with the key of " + ACTOR);
        assertThat(refreshes).hasValue(1);
        assertThat(lookups).hasValue(2);
    }

    @Test
    void rotated_key_is_accepted_after_refresh() {
        List<Boolean> calls = new ArrayList<>();
        KeyLookup rotating = (actor, refresh) -> {
            calls.add(refresh);
            return refresh ? TestKeys.ALICE_PUBLIC : TestKeys.MALLORY_PUBLIC;
        };
        assertThat(signatures.verify("POST", "/inbox", lookup(signedPost()), BODY, rotating, NOW).actorUrl()).isEqualTo(ACTOR);
        assertThat(calls).containsExactly(false, true);
    }

    @Test
    void cached_key_that_verifies_needs_no_refresh() {
        List<Boolean> calls = new ArrayList<>();
        KeyLookup cached = (actor, refresh) -> {
            calls.add(refresh);
            return TestKeys.ALICE_PUBLIC;
        };
        signatures.verify("POST", "/inbox", lookup(signedPost()), BODY, cached, NOW);
        assertThat(calls).containsExactly(false);
    }

    @Test
    void keyId_with_main_key_fragment_names_the_actor() {
        List<String> asked = new ArrayList<>();
        KeyLookup recording = (actor, refresh) -> {
            asked.add(actor);
            return TestKeys.ALICE_PUBLIC;
        };
        VerifiedSignature v = signatures.verify("POST", "/inbox", lookup(signedPost()), BODY, recording, NOW);
        assertThat(v.actorUrl()).isEqualTo(ACTOR);
        assertThat(v.keyId()).isEqualTo(ACTOR + "#main-key");
        assertThat(asked).containsExactly(ACTOR);
    }

    @Test
    void keyId_without_fragment_as_peertube_sends_it_is_accepted() {
        Map<String, String> headers = HttpSignatures.signPost(new Signer(ACTOR, TestKeys.ALICE_PRIVATE), INBOX, BODY, NOW);
        assertThat(signatures.verify("POST", "/inbox", lookup(headers), BODY, ALICE_KEY, NOW))
                .isEqualTo(new VerifiedSignature(ACTOR, ACTOR));
    }

    @Test
    void stale_date_beyond_skew_is_rejected() {
        assertRejected("POST", "/inbox", signedPost(), BODY, ALICE_KEY, NOW.plusSeconds(2400))
                .hasMessage("Date is 2400 s away from our clock (limit 1800 s)");
    }

    @Test
    void future_date_beyond_skew_is_rejected() {
        assertRejected("POST", "/inbox", signedPost(), BODY, ALICE_KEY, NOW.minusSeconds(2400))
                .hasMessage("Date is 2400 s away from our clock (limit 1800 s)");
    }

    @Test
    void date_just_inside_skew_is_accepted() {
        assertThat(signatures.verify("POST", "/inbox", lookup(signedPost()), BODY, ALICE_KEY, NOW.plusSeconds(1800))).isNotNull();
    }

    @Test
    void body_changed_by_one_byte_fails_the_digest() {
        byte[] tampered = BODY.clone();
        tampered[2]++;
        assertRejected("POST", "/inbox", signedPost(), tampered, ALICE_KEY).hasMessage("Digest does not match the body");
    }

    @Test
    void digest_header_listing_several_digests_is_accepted_when_one_matches() {
        String digests = "SHA-512=bm90IHJlYWxseQ==, " + HttpSignatures.digest(BODY);
        Map<String, String> headers = handSigned(List.of("(request-target)", "host", "date", "digest"),
                "rsa-sha256", "post /inbox", Map.of("host", "bob.example", "date", date(NOW), "digest", digests), null);
        headers.put("Digest", digests);
        assertThat(signatures.verify("POST", "/inbox", lookup(headers), BODY, ALICE_KEY, NOW)).isNotNull();
    }

    @Test
    void digest_with_lower_case_algorithm_is_not_the_exact_digest() {
        String lower = HttpSignatures.digest(BODY).replace("SHA-256=", "sha-256=");
        Map<String, String> headers = handSigned(List.of("(request-target)", "host", "date", "digest"),
                "rsa-sha256", "post /inbox", Map.of("host", "bob.example", "date", date(NOW), "digest", lower), null);
        assertRejected("POST", "/inbox", headers, BODY, ALICE_KEY).hasMessage("Digest does not match the body");
    }

    @Test
    void post_without_digest_in_signed_headers_is_rejected() {
        Map<String, String> headers = handSigned(List.of("(request-target)", "host", "date"),
                "rsa-sha256", "post /inbox", Map.of("host", "bob.example", "date", date(NOW)), null);
        headers.put("Digest", HttpSignatures.digest(BODY));
        assertRejected("POST", "/inbox", headers, BODY, ALICE_KEY).hasMessage("signed headers must include digest");
    }

    @Test
    void host_not_signed_is_rejected() {
        Map<String, String> headers = handSigned(List.of("(request-target)", "date", "digest"),
                "rsa-sha256", "post /inbox", Map.of("date", date(NOW), "digest", HttpSignatures.digest(BODY)), null);
        assertRejected("POST", "/inbox", headers, BODY, ALICE_KEY).hasMessage("signed headers must include host");
    }

    @Test
    void request_target_not_signed_is_rejected() {
        Map<String, String> headers = handSigned(List.of("host", "date", "digest"), "rsa-sha256", "post /inbox",
                Map.of("host", "bob.example", "date", date(NOW), "digest", HttpSignatures.digest(BODY)), null);
        assertRejected("POST", "/inbox", headers, BODY, ALICE_KEY).hasMessage("signed headers must include (request-target)");
    }

    @Test
    void unsupported_algorithm_is_rejected() {
        Map<String, String> headers = signedPost();
        headers.put("Signature", headers.get("Signature").replace("rsa-sha256", "hmac-sha256"));
        assertRejected("POST", "/inbox", headers, BODY, ALICE_KEY).hasMessage("unsupported algorithm hmac-sha256");
    }

    @Test
    void hs2019_is_treated_as_rsa_sha256() {
        Map<String, String> headers = signedPost();
        headers.put("Signature", headers.get("Signature").replace("rsa-sha256", "hs2019"));
        assertThat(signatures.verify("POST", "/inbox", lookup(headers), BODY, ALICE_KEY, NOW).actorUrl()).isEqualTo(ACTOR);
    }

    @Test
    void absent_algorithm_is_accepted() {
        Map<String, String> headers = signedPost();
        headers.put("Signature", headers.get("Signature").replace("algorithm=\"rsa-sha256\",", ""));
        assertThat(signatures.verify("POST", "/inbox", lookup(headers), BODY, ALICE_KEY, NOW)).isNotNull();
    }

    @Test
    void authorization_signature_form_is_accepted() {
        Map<String, String> headers = signedPost();
        headers.put("Authorization", "Signature " + headers.remove("Signature"));
        assertThat(signatures.verify("POST", "/inbox", lookup(headers), BODY, ALICE_KEY, NOW).actorUrl()).isEqualTo(ACTOR);
    }

    @Test
    void get_signed_without_query_is_accepted_when_the_request_has_one() {
        // PeerTube signs "get /outbox" for a request to /outbox?page=2.
        Map<String, String> headers = HttpSignatures.signGet(ALICE, URI.create("https://bob.example/outbox"), NOW);
        assertThat(signatures.verify("GET", "/outbox?page=2", lookup(headers), null, ALICE_KEY, NOW)).isNotNull();
    }

    @Test
    void signature_for_another_path_is_rejected() {
        assertRejected("POST", "/other-inbox", signedPost(), BODY, ALICE_KEY)
                .hasMessage("signature does not verify with the key of " + ACTOR);
    }

    @Test
    void created_instead_of_date_is_accepted_and_checked_for_skew() {
        long created = NOW.getEpochSecond();
        Map<String, String> headers = handSigned(List.of("(request-target)", "host", "(created)", "digest"), "hs2019",
                "post /inbox", Map.of("host", "bob.example", "digest", HttpSignatures.digest(BODY)), created);
        assertThat(signatures.verify("POST", "/inbox", lookup(headers), BODY, ALICE_KEY, NOW).actorUrl()).isEqualTo(ACTOR);
        assertRejected("POST", "/inbox", headers, BODY, ALICE_KEY, NOW.plusSeconds(2400))
                .hasMessage("(created) is 2400 s away from our clock (limit 1800 s)");
    }

    @Test
    void neither_date_nor_created_signed_is_rejected() {
        Map<String, String> headers = handSigned(List.of("(request-target)", "host", "digest"), "rsa-sha256",
                "post /inbox", Map.of("host", "bob.example", "digest", HttpSignatures.digest(BODY)), null);
        assertRejected("POST", "/inbox", headers, BODY, ALICE_KEY).hasMessage("signed headers must include date or (created)");
    }

    @Test
    void key_that_cannot_be_fetched_is_reported() {
        KeyLookup failing = (actor, refresh) -> {
            throw new java.io.IOException("connection refused");
        };
        assertRejected("POST", "/inbox", signedPost(), BODY, failing)
                .hasMessage("cannot fetch the key of " + ACTOR + ": connection refused");
    }

    @Test
    void missing_digest_header_on_post_is_rejected() {
        Map<String, String> headers = signedPost();
        headers.remove("Digest");
        assertRejected("POST", "/inbox", headers, BODY, ALICE_KEY).hasMessage("missing Digest header");
    }

    private static Map<String, String> signedPost() {
        return caseInsensitive(HttpSignatures.signPost(ALICE, INBOX, BODY, NOW));
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
            String method, String path, Map<String, String> headers, byte[] body, KeyLookup keys) {
        return assertRejected(method, path, headers, body, keys, NOW);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(
            String method, String path, Map<String, String> headers, byte[] body, KeyLookup keys, Instant now) {
        return assertThatThrownBy(() -> signatures.verify(method, path, lookup(headers), body, keys, now))
                .isInstanceOf(SignatureException.class);
    }

    private static java.util.function.Function<String, String> lookup(Map<String, String> headers) {
        Map<String, String> map = caseInsensitive(headers);
        return map::get;
    }

    private static Map<String, String> caseInsensitive(Map<String, String> headers) {
        Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(headers);
        return map;
    }

    private static String date(Instant instant) {
        return java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(java.time.ZoneOffset.UTC));
    }

    /**
     * Signs an arbitrary header list the way another server might, written apart from the production
     * signer so the two check each other.
     */
    private static Map<String, String> handSigned(List<String> signed, String algorithm, String requestTarget,
                                                  Map<String, String> values, Long created) {
        List<String> lines = new ArrayList<>();
        for (String name : signed) {
            String value = switch (name) {
                case "(request-target)" -> requestTarget;
                case "(created)" -> String.valueOf(created);
                default -> values.get(name);
            };
            lines.add(name + ": " + value);
        }
        String signature = Base64.getEncoder().encodeToString(rsa(TestKeys.ALICE_PRIVATE, String.join("\n", lines)));
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(values);
        headers.put("Signature", "keyId=\"" + ACTOR + "#main-key\",algorithm=\"" + algorithm + "\","
                + (created == null ? "" : "created=" + created + ",")
                + "headers=\"" + String.join(" ", signed) + "\",signature=\"" + signature + "\"");
        return headers;
    }

    private static byte[] rsa(PrivateKey key, String text) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(text.getBytes(StandardCharsets.UTF_8));
            return rsa.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
