package tandem.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ByteRangeTest {
    private static final long SIZE = 1000;

    private static ByteRange.Parsed parse(String header) {
        return ByteRange.parse(header, SIZE);
    }

    @Test
    void valid_ranges_select_their_bytes() {
        assertThat(parse("bytes=0-0")).isEqualTo(new ByteRange.Partial(new ByteRange(0, 0)));
        assertThat(parse("bytes=10-19")).isEqualTo(new ByteRange.Partial(new ByteRange(10, 19)));
        assertThat(parse("bytes=990-")).isEqualTo(new ByteRange.Partial(new ByteRange(990, 999)));
        assertThat(parse("bytes=990-5000")).isEqualTo(new ByteRange.Partial(new ByteRange(990, 999)));
        assertThat(parse("bytes=-10")).isEqualTo(new ByteRange.Partial(new ByteRange(990, 999)));
        assertThat(parse("bytes=-5000")).isEqualTo(new ByteRange.Partial(new ByteRange(0, 999)));
    }

    @Test
    void a_valid_range_past_the_end_is_unsatisfiable() {
        assertThat(parse("bytes=1000-")).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(parse("bytes=5000-6000")).isInstanceOf(ByteRange.Unsatisfiable.class);
        assertThat(parse("bytes=-0")).isInstanceOf(ByteRange.Unsatisfiable.class);
    }

    @Test
    void an_invalid_range_is_ignored_and_the_whole_file_is_sent() {
        for (String h : new String[] {"bytes=5-1", "bytes=--1", "bytes=+5-", "bytes=5-+9", "bytes=-", "bytes=a-b", "bytes= 1 - x",
                "bytes=99999999999999999999-", "items=0-1", "bytes=0-1,5-6", "bytes=5"}) {
            assertThat(parse(h)).as(h).isInstanceOf(ByteRange.Whole.class);
        }
        assertThat(parse(null)).isInstanceOf(ByteRange.Whole.class);
    }
}
