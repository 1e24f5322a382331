package tandem.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Broken uploads must fail with a message an uploader understands, and leave nothing behind. */
class BadInputTest {
    private final MediaProbe probe = new MediaProbe(TestMedia.binaries());
    private final HlsTranscoder transcoder = new HlsTranscoder(TestMedia.binaries());

    @TempDir
    Path output;

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                Arguments.of("empty", TestMedia.emptyFile(), "The file is empty"),
                Arguments.of("text", TestMedia.textFileNamedMp4(),
                        "The file is not a video: ffprobe could not read it (Invalid data found when processing input)"),
                Arguments.of("truncated", TestMedia.truncatedMp4(), "The file is not a video"),
                Arguments.of("absurd", TestMedia.absurdDimensions(), "100000x100000 exceed the 8192x8192 limit"),
                Arguments.of("png", TestMedia.pngNamedMp4(), "The file is a still image, not a video"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void rejectedWithReadableMessage(String label, Path file, String expected) throws IOException {
        assertThatThrownBy(() -> transcoder.transcode(file, probe.probe(file), output, "key-" + label, p -> { }))
                .isInstanceOf(MediaException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("/tmp", TestMedia.directory().toString()));
        try (Stream<Path> left = Files.list(output)) {
            assertThat(left).isEmpty();
        }
    }
}
