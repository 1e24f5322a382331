package tandem.video;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a player's progress report makes a view: ten seconds, or more than half of a shorter video. */
class ViewRuleTest {

    @Test
    void ten_seconds_of_a_long_video_make_a_view() {
        assertThat(EngagementService.watchedEnough(60, 9.9)).isFalse();
        assertThat(EngagementService.watchedEnough(60, 10)).isTrue();
    }

    @Test
    void more_than_half_of_a_short_video_makes_a_view() {
        assertThat(EngagementService.watchedEnough(3, 1.5)).isFalse();
        assertThat(EngagementService.watchedEnough(3, 2)).isTrue();
    }

    @Test
    void a_video_of_unknown_length_needs_ten_seconds() {
        assertThat(EngagementService.watchedEnough(0, 5)).isFalse();
        assertThat(EngagementService.watchedEnough(0, 10)).isTrue();
    }
}
