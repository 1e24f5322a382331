package tandem.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import tandem.account.Role;
import tandem.core.Problem;
import tandem.mirror.ledger.Ledger;
import tandem.mirror.ledger.LedgerReport;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The ledger's API: the admin's month (JSON, or CSV with one row per peer per day) and the public
 * summary a member can link from its website.
 */
public final class LedgerRoutes implements HttpService {
    private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");
    private final Ledger ledger;
    private final JsonIo json;
    private final Auth auth;

    public LedgerRoutes(Ledger ledger, JsonIo json, Auth auth) {
        this.ledger = ledger;
        this.json = json;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/server/ledger", this::month)
             .get("/server/ledger/summary", this::summary);
    }

    private void month(ServerRequest req, ServerResponse res) {
        auth.requireRole(req, Role.ADMIN);
        YearMonth month = month(req);
        String format = Params.get(req, "format");
        if (format != null && !format.equals("json") && !format.equals("csv")) throw Problem.invalidParam("format", "Should be json or csv");
        LedgerReport report = ledger.report(month);
        if (!"csv".equals(format)) {
            json.ok(res, report);
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"ledger-" + month + ".csv\"");
        res.send(csv(report).getBytes(StandardCharsets.UTF_8));
    }

    private void summary(ServerRequest req, ServerResponse res) {
        json.ok(res, ledger.summary(month(req)));
    }

    /** One row per peer per day; hosts hold no commas or quotes (`host[:port]`). */
    static String csv(LedgerReport report) {
        StringBuilder out = new StringBuilder("day,host,servedForThemBytes,servedByThemBytes\r\n");
        for (LedgerReport.Day d : report.days()) {
            out.append(d.day()).append(',').append(d.host()).append(',').append(d.servedForThemBytes()).append(',')
                    .append(d.servedByThemBytes()).append("\r\n");
        }
        return out.toString();
    }

    /** `month=YYYY-MM`, this month (UTC) when absent. */
    private YearMonth month(ServerRequest req) {
        String m = Params.get(req, "month");
        if (m == null || m.isBlank()) return ledger.currentMonth();
        try {
            if (MONTH.matcher(m).matches()) return YearMonth.parse(m);
        } catch (DateTimeParseException e) {
            // falls through to the same answer as any other malformed month
        }
        throw Problem.invalidParam("month", "Should be a month as YYYY-MM (e.g. 2026-12), got '" + m + "'");
    }
}
