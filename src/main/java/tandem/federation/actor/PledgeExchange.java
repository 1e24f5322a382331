package tandem.federation.actor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Capacity pledges on instance actors (the Tandem `pledge` extension): what our instance actor
 * publishes, and where the pledges read on remote instance actors go. The mirror package
 * implements it, so federation reaches the pool only through this interface, wired by `app`.
 */
public interface PledgeExchange {
    /** Our pledge as the actor's `pledge` object, or null when we pledge nothing. */
    ObjectNode published();

    /** A remote instance actor of {@code host} was read; {@code pledge} is its `pledge` value, null or missing when it has none. */
    void read(String host, JsonNode pledge);

    /** No pledges anywhere (tests and tools that build the federation alone). */
    PledgeExchange NONE = new PledgeExchange() {
        public ObjectNode published() { return null; }
        public void read(String host, JsonNode pledge) { }
    };
}
