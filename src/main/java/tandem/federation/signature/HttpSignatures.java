package tandem.federation.signature;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Draft-cavage HTTP Signatures as PeerTube and Mastodon use them: signing our outgoing POSTs and GETs
 * with rsa-sha256, and verifying inbound ones with the sender's actor key.
 */
public final class HttpSignatures {
    private static final String ALGORITHM = "rsa-sha256";
    private static final List<String> POST_HEADERS = List.of("(request-target)", "host", "date", "digest");
    private static final List<String> GET_HEADERS = List.of("(request-target)", "host", "date");

    private final Duration maxSkew;

    /** @param maxSkew how far Date or (created) may be from our clock; PeerTube allows 1800 s */
    public HttpSignatures(Duration maxSkew) {
        this.maxSkew = maxSkew;
    }

    /** The {@code Digest} header value of a body: {@code SHA-256=<base64>}. */
    public static String digest(byte[] body) {
        try {
            return "SHA-256=" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** The headers to send with a signed POST: Host, Date, Digest and Signature. */
    public static Map<String, String> signPost(Signer signer, URI target, byte[] body, Instant now) {
        Map<String, String> headers = baseHeaders(target, now);
        headers.put("Digest", digest(body));
        return withSignature(signer, "post", target, headers, POST_HEADERS);
    }

    /** The headers to send with a signed GET: Host, Date and Signature. */
    public static Map<String, String> signGet(Signer signer, URI target, Instant now) {
        return withSignature(signer, "get", target, baseHeaders(target, now), GET_HEADERS);
    }

    /**
     * The Host header the JDK HttpClient (and any HTTP/1.1 client) sends for a URI: the host, plus
     * {@code :port} when the URI names a port other than the scheme's default.
     */
    public static String host(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || ("https".equalsIgnoreCase(uri.getScheme()) ? port == 443 : port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
    }

    /** The raw path of a URI plus {@code ?query} when it has one, as it appears on the request line. */
    public static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /**
     * Verifies an inbound request's signature and returns who signed it.
     *
     * @param pathAndQuery the raw path and query of the request line
     * @param header case-insensitive header lookup, null when absent
     * @param body the raw body bytes, null for GET
     * @throws SignatureException with a client-safe reason on every rejection
     */
    public VerifiedSignature verify(String method, String pathAndQuery, Function<String, String> header,
                                    byte[] body, KeyLookup keys, Instant now) {
        SignatureHeader sig = SignatureHeader.parse(signatureValue(header));
        boolean post = "POST".equalsIgnoreCase(method);
        checkAlgorithm(sig.algorithm());
        checkSignedHeaders(sig.headers(), post);
        checkTime(sig, header, now);
        if (post || (body != null && header.apply("Digest") != null)) {
            checkDigest(header.apply("Digest"), body == null ? new byte[0] : body);
        }
        byte[] signature = decodeSignature(sig.signature());
        List<String> candidates = signingStrings(sig, method, pathAndQuery, header);
        String actor = actorOf(sig.keyId());
        // Cached key first; on failure one refetch, since the actor may have rotated its key.
        if (matches(lookup(keys, actor, false), candidates, signature)
                || matches(lookup(keys, actor, true), candidates, signature)) {
            return new VerifiedSignature(actor, sig.keyId());
        }
        throw new SignatureException("signature does not verify with the key of " + actor);
    }

    private static Map<String, String> baseHeaders(URI target, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", host(target));
        headers.put("Date", HttpDates.format(now));
        return headers;
    }

    private static Map<String, String> withSignature(Signer signer, String method, URI target,
                                                     Map<String, String> headers, List<String> signed) {
        String requestTarget = method + " " + pathAndQuery(target);
        String signingString = SigningString.build(signed, requestTarget,
                name -> headers.get(canonical(name)), null, null);
        String value = Base64.getEncoder().encodeToString(rsaSign(signer.key(), signingString));
        headers.put("Signature", new SignatureHeader(signer.keyId(), ALGORITHM, signed, value, null, null).format());
        return headers;
    }

    /** "digest" → "Digest": our own header map uses the canonical names. */
    private static String canonical(String lowerName) {
        return Character.toUpperCase(lowerName.charAt(0)) + lowerName.substring(1);
    }

    private static String signatureValue(Function<String, String> header) {
        String value = header.apply("Signature");
        if (value != null) {
            return value;
        }
        String authorization = header.apply("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Signature ", 0, 10)) {
            return authorization.substring(10);
        }
        throw new SignatureException("missing Signature header");
    }

    private static void checkAlgorithm(String algorithm) {
        // hs2019 hides the algorithm in the key; every server we federate with means RSA-SHA256 by it.
        if (algorithm != null && !algorithm.equalsIgnoreCase(ALGORITHM) && !algorithm.equalsIgnoreCase("hs2019")) {
            throw new SignatureException("unsupported algorithm " + algorithm);
        }
    }

    private static void checkSignedHeaders(List<String> signed, boolean post) {
        // Without these a signature can be replayed to another path, another server, or with another body.
        for (String required : post ? List.of("(request-target)", "host", "digest") : List.of("(request-target)", "host")) {
            if (!signed.contains(required)) {
                throw new SignatureException("signed headers must include " + required);
            }
        }
        if (!signed.contains("date") && !signed.contains("(created)")) {
            throw new SignatureException("signed headers must include date or (created)");
        }
    }

    private void checkTime(SignatureHeader sig, Function<String, String> header, Instant now) {
        if (sig.headers().contains("date")) {
            String date = header.apply("Date");
            if (date == null) {
                throw new SignatureException("signed header date is missing from the request");
            }
            checkSkew("Date", HttpDates.parse(date), now);
        }
        if (sig.headers().contains("(created)")) {
            if (sig.created() == null) {
                throw new SignatureException("malformed Signature header: (created) is signed but created is missing");
            }
            checkSkew("(created)", Instant.ofEpochSecond(sig.created()), now);
        }
        if (sig.expires() != null && now.isAfter(Instant.ofEpochSecond(sig.expires()).plus(maxSkew))) {
            throw new SignatureException("signature expired at " + Instant.ofEpochSecond(sig.expires()));
        }
    }

    private void checkSkew(String what, Instant when, Instant now) {
        long away = Math.abs(Duration.between(when, now).toSeconds());
        if (away > maxSkew.toSeconds()) {
            throw new SignatureException(what + " is " + away + " s away from our clock (limit " + maxSkew.toSeconds() + " s)");
        }
    }

    private static void checkDigest(String digestHeader, byte[] body) {
        if (digestHeader == null) {
            throw new SignatureException("missing Digest header");
        }
        // Exact comparison, as PeerTube does; a header may list several digests (RFC 3230), one must match.
        String expected = digest(body);
        for (String candidate : digestHeader.split(",")) {
            if (MessageDigest.isEqual(candidate.strip().getBytes(StandardCharsets.US_ASCII),
                    expected.getBytes(StandardCharsets.US_ASCII))) {
                return;
            }
        }
        throw new SignatureException("Digest does not match the body");
    }

    private static byte[] decodeSignature(String value) {
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new SignatureException("malformed Signature header: signature is not valid base64", e);
        }
    }

    /** The path-and-query form first; then the path alone, because PeerTube signs GETs without the query. */
    private static List<String> signingStrings(SignatureHeader sig, String method, String pathAndQuery,
                                               Function<String, String> header) {
        String lowerMethod = method.toLowerCase(Locale.ROOT);
        List<String> targets = new ArrayList<>();
        targets.add(lowerMethod + " " + pathAndQuery);
        int query = pathAndQuery.indexOf('?');
        if (query >= 0) {
            targets.add(lowerMethod + " " + pathAndQuery.substring(0, query));
        }
        List<String> out = new ArrayList<>();
        for (String target : targets) {
            out.add(SigningString.build(sig.headers(), target, header, sig.created(), sig.expires()));
        }
        return out;
    }

    private static String actorOf(String keyId) {
        int hash = keyId.indexOf('#');
        return hash < 0 ? keyId : keyId.substring(0, hash);
    }

    private static PublicKey lookup(KeyLookup keys, String actor, boolean refresh) {
        PublicKey key;
        try {
            key = keys.lookup(actor, refresh);
        } catch (Exception e) {
            throw new SignatureException("cannot fetch the key of " + actor + ": " + e.getMessage(), e);
        }
        if (key == null) {
            throw new SignatureException("cannot fetch the key of " + actor + ": no key found");
        }
        return key;
    }

    private static boolean matches(PublicKey key, List<String> signingStrings, byte[] signature) {
        for (String candidate : signingStrings) {
            if (rsaVerify(key, candidate, signature)) {
                return true;
            }
        }
        return false;
    }

    /** RSA-SHA256 (PKCS#1 v1.5) of a string's UTF-8 bytes: OpenSSL when present, else the JDK. */
    static byte[] rsaSign(PrivateKey key, String signingString) {
        byte[] fast = NativeRsa.sign(key, signingString.getBytes(StandardCharsets.UTF_8));
        if (fast != null) return fast;
        try {
            java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingString.getBytes(StandardCharsets.UTF_8));
            return rsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with key of type " + key.getAlgorithm(), e);
        }
    }

    private static boolean rsaVerify(PublicKey key, String signingString, byte[] signature) {
        try {
            java.security.Signature rsa = java.security.Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(signingString.getBytes(StandardCharsets.UTF_8));
            return rsa.verify(signature);
        } catch (InvalidKeyException | java.security.SignatureException e) {
            // A non-RSA key or a signature of the wrong length simply does not verify; the caller says so.
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA256withRSA", e);
        }
    }
}
