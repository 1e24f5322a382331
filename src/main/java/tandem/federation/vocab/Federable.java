package tandem.federation.vocab;

import tandem.video.Video;
import tandem.video.VideoPrivacy;
import tandem.video.VideoState;

/** Which of our videos other servers may see and interact with: public or unlisted, and published. */
public final class Federable {
    private Federable() {}

    public static boolean video(Video v) {
        return (v.privacy() == VideoPrivacy.PUBLIC || v.privacy() == VideoPrivacy.UNLISTED) && v.state() == VideoState.PUBLISHED;
    }
}
