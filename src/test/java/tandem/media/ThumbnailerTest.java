package tandem.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThumbnailerTest {
    private final MediaProbe probe = new MediaProbe(TestMedia.binaries());
    private final Thumbnailer thumbnailer = new Thumbnailer(TestMedia.binaries());

    @TempDir
    Path dir;

    @Test
    void videoFrameAtBothSizes() throws Exception {
        assertSizes(TestMedia.clipWithAudio());
    }

    @Test
    void portraitVideo() throws Exception {
        assertSizes(TestMedia.rotatedPhoneClip());
    }

    @Test
    void audioOnlyGetsAGeneratedImage() throws Exception {
        BufferedImage preview = assertSizes(TestMedia.audioOnly());
        int rgb = preview.getRGB(10, 10);
        // 0x202830 give or take JPEG rounding.
        assertThat((rgb >> 16) & 0xff).isBetween(0x18, 0x28);
        assertThat(rgb & 0xff).isBetween(0x28, 0x38);
    }

    private BufferedImage assertSizes(Path source) throws Exception {
        MediaInfo info = probe.probe(source);
        Thumbnails images = thumbnailer.generate(source, info, dir.resolve("t.jpg"), dir.resolve("p.jpg"));
        BufferedImage thumbnail = ImageIO.read(images.thumbnail().toFile());
        BufferedImage preview = ImageIO.read(images.preview().toFile());
        assertThat(thumbnail.getWidth()).isEqualTo(560);
        assertThat(thumbnail.getHeight()).isEqualTo(315);
        assertThat(preview.getWidth()).isEqualTo(850);
        assertThat(preview.getHeight()).isEqualTo(480);
        return preview;
    }
}
