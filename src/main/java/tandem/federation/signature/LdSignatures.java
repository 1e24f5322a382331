package tandem.federation.signature;

import com.apicatalog.jsonld.JsonLd;
import com.apicatalog.jsonld.JsonLdError;
import com.apicatalog.jsonld.JsonLdErrorCode;
import com.apicatalog.jsonld.document.Document;
import com.apicatalog.jsonld.document.JsonDocument;
import com.apicatalog.jsonld.http.media.MediaType;
import com.apicatalog.jsonld.loader.DocumentLoader;
import com.apicatalog.rdf.api.RdfConsumerException;
import com.apicatalog.rdf.canon.RdfCanon;
import com.apicatalog.rdf.nquads.NQuadsWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.json.JsonStructure;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import tandem.federation.vocab.Contexts;

/**
 * Linked-data signatures (`RsaSignature2017`, as PeerTube and Mastodon make and check them) on what
 * our actors send. An HTTP signature proves who delivered a request; an activity relayed by another
 * instance (our comment forwarded by a video's origin to its followers) is accepted by PeerTube only
 * with this signature by its author. The signed string is the SHA-256 (hex) of the URDNA2015 form of
 * the signature options (security context; creator, created), then that of the activity without its
 * signature. Contexts come from the jar, never from the network.
 */
public final class LdSignatures {
    /** The contexts our documents name, as bundled under `tandem/federation/signature/contexts/`. */
    private static final Map<String, JsonStructure> CONTEXTS = Map.of(
            Contexts.AS, bundled("activitystreams.jsonld"),
            Contexts.SECURITY, bundled("security-v1.jsonld"));
    private static final DocumentLoader LOADER = (url, options) -> {
        JsonStructure context = CONTEXTS.get(url.toString());
        if (context == null) {
            throw new JsonLdError(JsonLdErrorCode.LOADING_REMOTE_CONTEXT_FAILED, "context " + url + " is not one we sign with");
        }
        Document d = JsonDocument.of(MediaType.JSON_LD, context);
        d.setDocumentUrl(url);
        return d;
    };

    private LdSignatures() {}

    /** A copy of `activity` with a `signature` by `signer`, its `creator` the signer's key id. */
    public static ObjectNode sign(ObjectNode activity, Signer signer, Instant now) {
        ObjectNode unsigned = activity.deepCopy();
        unsigned.remove("signature");
        String created = now.truncatedTo(ChronoUnit.SECONDS).toString();
        ObjectNode options = unsigned.objectNode().put("@context", Contexts.SECURITY).put("creator", signer.keyId()).put("created", created);
        String toSign = sha256Hex(canonical(options)) + sha256Hex(canonical(unsigned));
        byte[] value = HttpSignatures.rsaSign(signer.key(), toSign);
        unsigned.putObject("signature").put("type", "RsaSignature2017").put("creator", signer.keyId()).put("created", created)
                .put("signatureValue", Base64.getEncoder().encodeToString(value));
        return unsigned;
    }

    /** The URDNA2015 canonical N-Quads of a JSON-LD document. */
    public static String canonical(JsonNode document) {
        try {
            RdfCanon canon = RdfCanon.create("SHA-256");
            JsonLd.toRdf(JsonDocument.of(new StringReader(document.toString()))).loader(LOADER).provide(canon);
            StringWriter out = new StringWriter();
            canon.provide(new NQuadsWriter(out));
            return out.toString();
        } catch (JsonLdError | RdfConsumerException e) {
            throw new IllegalArgumentException("cannot canonicalize as JSON-LD: " + e.getMessage(), e);
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonStructure bundled(String name) {
        try (InputStream in = LdSignatures.class.getResourceAsStream("contexts/" + name)) {
            if (in == null) throw new IllegalStateException("missing bundled context " + name);
            return JsonDocument.of(in).getJsonContent().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JsonLdError e) {
            throw new IllegalStateException("bundled context " + name + " is not JSON", e);
        }
    }
}
