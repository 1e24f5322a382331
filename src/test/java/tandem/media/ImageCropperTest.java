package tandem.media;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The avatar/banner command line, whole, and the format sniffing it relies on. */
class ImageCropperTest {

    @Test
    void one_run_fills_and_crops_every_size_without_metadata() {
        List<String> cmd = ImageCropper.command(Path.of("/bin/ffmpeg"), Path.of("/in/up.png"), ImageFormat.JPEG,
                List.of(new ImageCropper.Size(1920, 317), new ImageCropper.Size(600, 100)), List.of(Path.of("/out/0.jpg"), Path.of("/out/1.jpg")));
        assertThat(String.join(" ", cmd)).isEqualTo("/bin/ffmpeg -hide_banner -nostdin -y -loglevel error -max_pixels 40000000 -i /in/up.png "
                + "-filter_complex [0:v]split=2[s0][s1];"
                + "[s0]scale=1920:317:force_original_aspect_ratio=increase,crop=1920:317,setsar=1,format=yuvj444p[o0];"
                + "[s1]scale=600:100:force_original_aspect_ratio=increase,crop=600:100,setsar=1,format=yuvj444p[o1] "
                + "-map [o0] -map_metadata -1 -frames:v 1 -q:v 3 -update 1 -f image2 /out/0.jpg "
                + "-map [o1] -map_metadata -1 -frames:v 1 -q:v 3 -update 1 -f image2 /out/1.jpg");
    }

    @Test
    void formats_are_told_by_their_first_bytes_only() {
        assertThat(ImageFormat.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10})).contains(ImageFormat.PNG);
        assertThat(ImageFormat.sniff(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0})).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.sniff("GIF89a".getBytes())).contains(ImageFormat.GIF);
        assertThat(ImageFormat.sniff("RIFF\0\0\0\0WEBPVP8 ".getBytes())).contains(ImageFormat.WEBP);
        assertThat(ImageFormat.sniff("RIFF\0\0\0\0WAVEfmt ".getBytes())).isEmpty();
        assertThat(ImageFormat.sniff("hello, world".getBytes())).isEmpty();
        assertThat(ImageFormat.sniff(new byte[0])).isEmpty();
    }
}
