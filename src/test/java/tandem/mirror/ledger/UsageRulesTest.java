package tandem.mirror.ledger;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The origin's rules for a usage report, on constructed figures. */
class UsageRulesTest {
    private static final long NOW = Instant.parse("2026-12-07T14:20:00Z").toEpochMilli();

    @Test
    void an_hour_is_taken_once_complete_and_for_30_days() {
        assertThat(UsageRules.hourProblem(Instant.parse("2026-12-07T13:00:00Z").toEpochMilli(), NOW)).isNull();
        assertThat(UsageRules.hourProblem(Instant.parse("2026-12-07T14:00:00Z").toEpochMilli(), NOW)).contains("not complete yet");
        assertThat(UsageRules.hourProblem(Instant.parse("2026-12-07T15:00:00Z").toEpochMilli(), NOW)).contains("in the future");
        assertThat(UsageRules.hourProblem(Instant.parse("2026-11-07T15:00:00Z").toEpochMilli(), NOW)).isNull();
        assertThat(UsageRules.hourProblem(Instant.parse("2026-11-07T14:00:00Z").toEpochMilli(), NOW)).contains("older than 30 days");
    }

    @Test
    void a_claim_is_flagged_above_half_again_the_players_or_10_MB_more() {
        assertThat(UsageRules.flag(10_000_000, 0, "b.example")).as("10 MB of slack").isNull();
        assertThat(UsageRules.flag(10_000_001, 0, "b.example")).contains("claimed 10000001 bytes, our players counted 0 bytes from b.example");
        assertThat(UsageRules.flag(150_000_000, 100_000_000, "b.example")).isNull();
        assertThat(UsageRules.flag(150_000_001, 100_000_000, "b.example")).contains("at most 150000000");
        assertThat(UsageRules.flag(5_000, 1_000_000_000, "b.example")).as("less than the players saw is no lie of the mirror").isNull();
    }

    @Test
    void absurd_figures_are_measured_against_the_video() {
        long size = 50_000_000;
        assertThat(UsageRules.absurd(size * 100_000, size, size)).isNull();
        assertThat(UsageRules.absurd(size * 100_000 + 100_000, size, size)).contains("more than 100000 copies");
        assertThat(UsageRules.absurd(1, 2 * size + 10_000_001, size)).contains("holds");
        assertThat(UsageRules.absurd(Long.MAX_VALUE, Long.MAX_VALUE, 0)).as("size unknown: only the 10 TB cap of the parser holds").isNull();
    }
}
