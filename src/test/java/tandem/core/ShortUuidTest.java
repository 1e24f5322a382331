package tandem.core;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** PeerTube's short UUIDs: 22 base58 characters that decode back to the same UUID. */
class ShortUuidTest {
    @Test
    void round_trips_and_pads_to_22_characters() {
        for (int i = 0; i < 1000; i++) {
            UUID u = UUID.randomUUID();
            String s = ShortUuid.encode(u);
            assertThat(s).hasSize(22).matches("[1-9a-km-zA-HJ-NP-Z]+");
            assertThat(ShortUuid.decode(s)).isEqualTo(u);
        }
        assertThat(ShortUuid.encode(new UUID(0, 0))).isEqualTo("1".repeat(22));
        assertThat(ShortUuid.encode(new UUID(0, 57))).isEqualTo("1".repeat(21) + "Z");
    }

    @Test
    void refuses_what_is_not_a_short_uuid() {
        assertThat(ShortUuid.decode("too-short")).isNull();
        assertThat(ShortUuid.decode("0OIl" + "1".repeat(18))).isNull();
        assertThat(ShortUuid.decode("Z".repeat(22))).isNull();
    }
}
