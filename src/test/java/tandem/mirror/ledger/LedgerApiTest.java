package tandem.mirror.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tandem.testing.TestClient;
import tandem.testing.TestInstance;

import java.time.YearMonth;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's API: admin only, a clear 400 for a bad month, CSV rows per peer and day, and the public summary. */
class LedgerApiTest {
    private static TestInstance tandem;
    private static final String MONTH = YearMonth.now(ZoneOffset.UTC).toString();

    @BeforeAll
    static void start() {
        tandem = TestInstance.start();
        long hour = YearMonth.parse(MONTH).atDay(2).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        tandem.app().database().jdbi().useHandle(h -> h.createUpdate(
                        "INSERT INTO served_bytes (video_uuid, origin_host, hour_start, bytes) VALUES ('r1', 'b.example', :h, 1234)")
                .bind("h", hour).execute());
    }

    @AfterAll
    static void stop() {
        if (tandem != null) tandem.close();
    }

    @Test
    void admin_gets_the_month_as_json_and_csv() {
        TestClient admin = tandem.admin();
        JsonNode j = admin.get("/api/v1/server/ledger").json();
        assertThat(j.get("month").asText()).isEqualTo(MONTH);
        assertThat(j.get("host").asText()).isEqualTo(tandem.config().publicHost());
        assertThat(j.at("/peers/0/host").asText()).isEqualTo("b.example");
        assertThat(j.at("/peers/0/servedForThemBytes").asLong()).isEqualTo(1234);
        assertThat(j.at("/peers/0/money").has("forThem")).as("null, not absent").isTrue();
        assertThat(j.at("/pool").has("totalCost")).isTrue();
        assertThat(j.get("fairShare").size()).isEqualTo(2);
        TestClient.Response csv = admin.get("/api/v1/server/ledger?month=" + MONTH + "&format=csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        assertThat(csv.text()).isEqualTo("day,host,servedForThemBytes,servedByThemBytes\r\n" + MONTH + "-02,b.example,1234,0\r\n");
        assertThat(admin.get("/api/v1/server/ledger?month=2001-01").json().get("peers").size()).isZero();
    }

    @Test
    void others_are_refused_and_bad_months_explained() {
        assertThat(tandem.client().get("/api/v1/server/ledger").status()).isEqualTo(401);
        assertThat(tandem.newUser("viewer").get("/api/v1/server/ledger").status()).isEqualTo(403);
        for (String bad : new String[] {"2026-13", "2026-1", "december", "2026-12-01"}) {
            TestClient.Response r = tandem.admin().get("/api/v1/server/ledger?month=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.text()).contains("YYYY-MM");
        }
        assertThat(tandem.admin().get("/api/v1/server/ledger?format=xml").status()).isEqualTo(400);
    }

    @Test
    void anyone_reads_the_summary() {
        JsonNode s = tandem.client().get("/api/v1/server/ledger/summary").json();
        assertThat(s.get("month").asText()).isEqualTo(MONTH);
        assertThat(s.get("servedForOthersBytes").asLong()).isEqualTo(1234);
        assertThat(s.get("hostsHelped").asInt()).isEqualTo(1);
        assertThat(s.get("servedByOthersBytes").asLong()).isZero();
        assertThat(s.get("hostsThatHelpedUs").asInt()).isZero();
        assertThat(tandem.client().get("/api/v1/server/ledger/summary?month=nope").status()).isEqualTo(400);
    }
}
