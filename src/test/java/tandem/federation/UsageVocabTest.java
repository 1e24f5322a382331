package tandem.federation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import tandem.federation.vocab.Activity;
import tandem.federation.vocab.AsToActivity;
import tandem.federation.vocab.FederationException;
import tandem.federation.vocab.Usage;

import java.time.Instant;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Decoding of usage reports and statements: what no honest sender writes is refused with its reason. */
class UsageVocabTest {
    private static ObjectNode report(Consumer<ObjectNode> change) {
        ObjectNode r = InboxFixture.JSON.createObjectNode();
        r.put("type", "UsageReport").put("id", "https://b.example/usage-reports/a.example/2026-12-07T13:00:00Z").put("actor", "https://b.example/accounts/peertube");
        r.put("hour", "2026-12-07T13:00:00Z");
        r.putArray("usage").addObject().put("video", "https://a.example/videos/watch/1").put("bytes", 123).put("heldBytes", 456);
        change.accept(r);
        return r;
    }

    private static ObjectNode line(ObjectNode r) {
        return (ObjectNode) r.get("usage").get(0);
    }

    @Test
    void a_report_is_read() {
        var r = (Activity.UsageReport) AsToActivity.parse(report(x -> { }));
        assertThat(r.hour()).isEqualTo(Instant.parse("2026-12-07T13:00:00Z"));
        assertThat(r.usage()).containsExactly(new Usage.Claim("https://a.example/videos/watch/1", 123, 456));
    }

    @Test
    void malformed_reports_are_refused_with_their_reason() {
        refused(report(r -> r.put("hour", "2026-12-07T13:30:00Z")), "is not the start of an hour");
        refused(report(r -> r.put("hour", "yesterday")), "hour must be an ISO-8601");
        refused(report(r -> r.putArray("usage")), "usage must be a non-empty array");
        refused(report(r -> line(r).put("bytes", -1)), "is negative");
        refused(report(r -> line(r).put("bytes", 1.5)), "must be a whole number");
        refused(report(r -> line(r).put("bytes", "12")), "must be a whole number");
        refused(report(r -> line(r).put("heldBytes", 10_000_000_000_001L)), "more than 10 TB");
        refused(report(r -> line(r).put("video", "not a url")), "video must be the URL");
        refused(report(r -> ((com.fasterxml.jackson.databind.node.ArrayNode) r.get("usage")).add(line(r).deepCopy())), "is named twice");
    }

    @Test
    void a_statement_names_the_report_it_answers() {
        ObjectNode s = report(r -> r.put("type", "UsageStatement"));
        line(s).put("originBytes", 100).put("flag", "too much");
        refused(s, "inReplyTo must name the UsageReport");
        s.put("inReplyTo", "https://b.example/usage-reports/a.example/2026-12-07T13:00:00Z");
        var st = (Activity.UsageStatement) AsToActivity.parse(s);
        assertThat(st.usage()).containsExactly(new Usage.Answer("https://a.example/videos/watch/1", 123, 456, 100, "too much"));
    }

    private static void refused(ObjectNode activity, String reason) {
        assertThatThrownBy(() -> AsToActivity.parse(activity)).isInstanceOf(FederationException.class).hasMessageContaining(reason);
    }
}
