package tandem.federation;

import tandem.federation.inbox.VideoActivities;
import tandem.video.RemoteVideos;

import java.util.Optional;

/**
 * A local user's search by a video's URL is a signed fetch of that URL's ActivityPub object from its
 * instance, through the same checks and storing as a video that arrives by an activity.
 */
public final class VideoLookups implements RemoteVideos {
    private final VideoActivities videos;

    public VideoLookups(VideoActivities videos) {
        this.videos = videos;
    }

    @Override
    public Optional<Long> stored(String url) {
        return videos.remoteVideoId(url);
    }

    @Override
    public long fetch(String url) {
        return videos.fetchAsked(url);
    }
}
