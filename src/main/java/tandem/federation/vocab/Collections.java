package tandem.federation.vocab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.function.BiFunction;

/**
 * PeerTube's paged collections: `OrderedCollection {totalItems, first: ?page=1}`, then pages of
 * 10 items with `next`/`prev` (interop notes §2.7).
 */
public final class Collections {
    public static final int PAGE_SIZE = 10;

    private final ObjectMapper mapper;

    public Collections(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param page null for the collection itself, else the 1-based page
     * @param items (start, count) → the page's items
     */
    public ObjectNode collection(String id, long total, Integer page, BiFunction<Integer, Integer, List<?>> items) {
        ObjectNode o = mapper.createObjectNode();
        o.put("@context", Contexts.AS);
        if (page == null) {
            o.put("id", id);
            o.put("type", "OrderedCollection");
            o.put("totalItems", total);
            if (total > 0) o.put("first", id + "?page=1");
            return o;
        }
        int p = Math.max(1, page);
        o.put("id", id + "?page=" + p);
        o.put("type", "OrderedCollectionPage");
        o.put("partOf", id);
        o.put("totalItems", total);
        if (p > 1) o.put("prev", id + "?page=" + (p - 1));
        if ((long) p * PAGE_SIZE < total) o.put("next", id + "?page=" + (p + 1));
        ArrayNode list = o.putArray("orderedItems");
        for (Object item : items.apply((p - 1) * PAGE_SIZE, PAGE_SIZE)) list.add(mapper.valueToTree(item));
        return o;
    }
}
