package tandem.federation.transport;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/** A fetched ActivityPub document and the URL it finally came from, after redirects. */
public record FetchResult(URI finalUrl, JsonNode body) {}
