package tandem.mirror;

import org.junit.jupiter.api.Test;
import tandem.testing.TestInstance;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MirrorPolicyTest {
    @Test
    void parses_peertube_sizes_lifetimes_and_min_views() {
        MirrorPolicy p = MirrorPolicy.parse(" most-views:10GB:48h, recently-added:500MB:2d:10 ,trending:1TB:600m");
        assertThat(p.strategies()).containsExactly(
                new MirrorPolicy.Strategy(MirrorPolicy.Kind.MOST_VIEWS, 10L * 1024 * 1024 * 1024, Duration.ofHours(48), 0),
                new MirrorPolicy.Strategy(MirrorPolicy.Kind.RECENTLY_ADDED, 500L * 1024 * 1024, Duration.ofDays(2), 10),
                new MirrorPolicy.Strategy(MirrorPolicy.Kind.TRENDING, 1024L * 1024 * 1024 * 1024, Duration.ofMinutes(600), 0));
        assertThat(p.strategy("trending")).isPresent();
        assertThat(p.strategy("manual")).isEmpty();
        assertThat(MirrorPolicy.parse("").strategies()).isEmpty();
    }

    @Test
    void bad_settings_name_the_setting_and_the_fault() {
        assertThatThrownBy(() -> MirrorPolicy.parse("most-views:10GB:9h"))
                .hasMessageContaining("mirror_strategies").hasMessageContaining("under 10h");
        assertThatThrownBy(() -> MirrorPolicy.parse("most-viewed:10GB:48h"))
                .hasMessageContaining("mirror_strategies").hasMessageContaining("unknown strategy 'most-viewed'");
        assertThatThrownBy(() -> MirrorPolicy.parse("trending:10 gigs:48h"))
                .hasMessageContaining("mirror_strategies").hasMessageContaining("size '10 gigs'");
        assertThatThrownBy(() -> MirrorPolicy.parse("trending:10GB:48h:5"))
                .hasMessageContaining("recently-added only");
        assertThatThrownBy(() -> MirrorPolicy.parse("trending:10GB"))
                .hasMessageContaining("strategy:size:min-lifetime");
        assertThatThrownBy(() -> MirrorPolicy.parse("trending:10GB:2w"))
                .hasMessageContaining("min-lifetime '2w'");
    }

    @Test
    void an_instance_with_a_bad_strategy_does_not_start() {
        try (TestInstance t = TestInstance.prepare(java.util.Map.of("mirror_strategies", "most-views:10GB:2h"))) {
            assertThatThrownBy(t::restartApp).hasMessageContaining("mirror_strategies").hasMessageContaining("under 10h");
        }
    }
}
