package tandem.p2p;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One tracker message, read with a streaming parser. Offers and answers (SDP blobs the tracker
 * only forwards) are kept as their raw JSON text and never decoded or re-encoded: relaying is
 * the tracker's hot path, and SDP strings are most of every message.
 */
record TrackerMessage(String action, String infoHash, String infoHashJson, List<String> infoHashes, String peerId,
                      String peerIdJson, String event, long left, int numwant, List<RawOffer> offers, boolean offersInvalid,
                      String answerJson, String toPeerId, String offerIdJson) {

    /** An offer as forwarded: its `offer` object and `offer_id` value, as raw JSON. */
    record RawOffer(String offerJson, String offerIdJson) {}

    /** Thrown for text that is not a JSON object of the expected shape. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    static TrackerMessage parse(JsonFactory factory, String text) throws Malformed {
        try (JsonParser p = factory.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new Malformed("expected a JSON object");
            String action = null, infoHash = null, infoHashJson = null, peerId = null, peerIdJson = null, event = "";
            String answerJson = null, toPeerId = null, offerIdJson = null;
            List<String> infoHashes = new ArrayList<>();
            List<RawOffer> offers = null;
            boolean offersInvalid = false;
            long left = -1;
            int numwant = -1;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "action" -> action = v == JsonToken.VALUE_STRING ? p.getText() : "";
                    case "info_hash" -> {
                        if (v == JsonToken.VALUE_STRING) {
                            infoHash = p.getText();
                            infoHashJson = raw(text, p);
                            infoHashes.add(infoHash);
                        } else if (v == JsonToken.START_ARRAY) {
                            while (p.nextToken() == JsonToken.VALUE_STRING) infoHashes.add(p.getText());
                            if (p.currentToken() != JsonToken.END_ARRAY) p.skipChildren();
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "peer_id" -> {
                        if (v == JsonToken.VALUE_STRING) {
                            peerId = p.getText();
                            peerIdJson = raw(text, p);
                        } else {
                            p.skipChildren();
                        }
                    }
                    case "event" -> event = v == JsonToken.VALUE_STRING ? p.getText() : "";
                    case "left" -> left = v.isNumeric() ? p.getLongValue() : -1;
                    case "numwant" -> numwant = v == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
                    case "to_peer_id" -> toPeerId = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "offer_id" -> offerIdJson = rawValue(text, p, v);
                    case "answer" -> answerJson = v == JsonToken.START_OBJECT ? rawValue(text, p, v) : skip(p);
                    case "offers" -> {
                        if (v != JsonToken.START_ARRAY) {
                            offersInvalid = true;
                            p.skipChildren();
                        } else {
                            offers = new ArrayList<>();
                            offersInvalid = readOffers(text, p, offers);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT) throw new Malformed("invalid JSON");
            return new TrackerMessage(action == null ? "" : action, infoHash, infoHashJson, infoHashes, peerId, peerIdJson, event,
                    left, numwant, offers == null ? List.of() : offers, offersInvalid, answerJson, toPeerId, offerIdJson);
        } catch (IOException e) {
            throw new Malformed("invalid JSON");
        }
    }

    /** Reads `[{offer:{…}, offer_id:…}, …]`; returns true when some entry was unusable. */
    private static boolean readOffers(String text, JsonParser p, List<RawOffer> out) throws IOException {
        boolean invalid = false;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t != JsonToken.START_OBJECT) {
                invalid = true;
                p.skipChildren();
                continue;
            }
            String offer = null;
            String offerId = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("offer") && v == JsonToken.START_OBJECT) offer = rawValue(text, p, v);
                else if (name.equals("offer_id")) offerId = rawValue(text, p, v);
                else p.skipChildren();
            }
            if (offer == null || offerId == null) invalid = true;
            else out.add(new RawOffer(offer, offerId));
        }
        return invalid;
    }

    /** The raw text of the current scalar token. */
    private static String raw(String text, JsonParser p) throws IOException {
        int start = (int) p.currentTokenLocation().getCharOffset();
        int end = (int) p.currentLocation().getCharOffset();
        return text.substring(start, end);
    }

    /** The raw text of the current value, an object or array included (the parser moves past it). */
    private static String rawValue(String text, JsonParser p, JsonToken v) throws IOException {
        int start = (int) p.currentTokenLocation().getCharOffset();
        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) p.skipChildren();
        else p.getText(); // finishes a lazily read string, so the location is past its closing quote
        int end = (int) p.currentLocation().getCharOffset();
        return text.substring(start, end);
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
    }
}
