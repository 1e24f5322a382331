package tandem.mirror.pool;

import com.fasterxml.jackson.databind.JsonNode;
import tandem.core.Problem;

import java.util.regex.Pattern;

/**
 * Reads a pledge in its published shape (the API's body and the actor's `pledge` object: GB, 10^9
 * bytes, like hosting bills) and refuses what is not a sane pledge with a precise reason.
 */
final class PledgeRules {
    static final double GB = 1e9;
    /** 10 PB: above that a figure is a typo, not a pledge. */
    static final double MAX_GB = 10_000_000;
    /** Money per GB: hosting costs cents; 1000 a GB is surely a mistake. */
    static final double MAX_COST = 1000;
    private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

    private PledgeRules() {}

    /** @throws Problem 400 naming the field and what it must be */
    static Pledge parse(String host, JsonNode body, long now) {
        if (body == null || !body.isObject()) throw Problem.badRequest("The pledge must be a JSON object");
        long storage = gb(body, "storageGB", true);
        long egress = gb(body, "egressGBPerMonth", true);
        long capacity = gb(body, "egressCapacityGBPerMonth", false);
        JsonNode costs = body.has("costs") ? body.get("costs") : body;
        String currency = null;
        Double perEgress = null;
        Double perStorage = null;
        if (costs != null && !costs.isNull()) {
            if (!costs.isObject()) throw Problem.badRequest("costs must be an object or null");
            perEgress = cost(costs, "perGBEgress");
            perStorage = cost(costs, "perGBMonthStorage");
            JsonNode c = costs.get("currency");
            if (c != null && !c.isNull()) {
                if (!c.isTextual() || !CURRENCY.matcher(c.asText()).matches()) throw Problem.badRequest("costs.currency must be a three-letter ISO 4217 code such as EUR");
                currency = c.asText();
            }
            if ((perEgress != null || perStorage != null) && currency == null) throw Problem.badRequest("costs.currency is required with a cost");
        }
        return new Pledge(host, storage, egress, capacity, currency, perEgress, perStorage, now);
    }

    private static long gb(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) throw Problem.badRequest(field + " is required (a number of GB, 0 or more)");
            return 0;
        }
        if (!v.isNumber()) throw Problem.badRequest(field + " must be a number of GB, got " + v);
        double d = v.asDouble();
        if (!(d >= 0) || d > MAX_GB) throw Problem.badRequest(field + " must be between 0 and " + (long) MAX_GB + " GB, got " + v);
        return Math.round(d * GB);
    }

    private static Double cost(JsonNode costs, String field) {
        JsonNode v = costs.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isNumber()) throw Problem.badRequest("costs." + field + " must be a number, got " + v);
        double d = v.asDouble();
        if (!(d >= 0) || d > MAX_COST) throw Problem.badRequest("costs." + field + " must be between 0 and " + (long) MAX_COST + ", got " + v);
        return d;
    }
}
