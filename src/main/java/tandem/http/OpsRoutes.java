package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Operations endpoints: Prometheus metrics and a health check that touches the database. */
public final class OpsRoutes implements HttpService {
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier databaseUp;
    private final JsonIo json;

    public OpsRoutes(PrometheusMeterRegistry registry, BooleanSupplier databaseUp, JsonIo json) {
        this.registry = registry;
        this.databaseUp = databaseUp;
        this.json = json;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/metrics", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            res.send(registry.scrape());
        });
        rules.get("/health", (req, res) -> {
            boolean db = databaseUp.getAsBoolean();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", db ? "UP" : "DOWN");
            body.put("database", db ? "UP" : "DOWN");
            json.write(res, db ? 200 : 503, body);
        });
    }
}
