package tandem.instance;

import java.util.List;

/**
 * What an administrator sets from the instance settings screen (PeerTube's "custom config"): how
 * the instance presents itself, who may sign up, default quotas, transcoding and viewing defaults.
 * Deployment facts (ports, paths, database) stay in {@link tandem.core.Config}.
 *
 * @param name the instance's name, shown in the header and to federated peers
 * @param shortDescription one line for lists of instances
 * @param description the About page's long text (markdown)
 * @param terms the rules users accept (markdown)
 * @param contactEmail where people reach the administrators; empty when none is given
 * @param signup who may create an account
 * @param defaultVideoQuota bytes a new user may upload, -1 for no limit
 * @param defaultVideoQuotaDaily bytes a new user may upload per day, -1 for no limit
 * @param resolutions the HLS ladder's heights, never above the source
 * @param nsfwPolicy how sensitive videos show to those who set nothing: display, blur or do_not_list
 * @param p2p whether viewers share segments with each other by default
 */
public record InstanceSettings(String name, String shortDescription, String description, String terms, String contactEmail,
                               Signup signup, long defaultVideoQuota, long defaultVideoQuotaDaily, List<Integer> resolutions,
                               String nsfwPolicy, P2pDefaults p2p) {
    /** Heights an administrator may pick, PeerTube's ladder from 144p to 2160p. */
    public static final List<Integer> SUPPORTED_RESOLUTIONS = List.of(144, 240, 360, 480, 720, 1080, 1440, 2160);
    public static final List<String> NSFW_POLICIES = List.of("display", "blur", "do_not_list");

    public InstanceSettings {
        resolutions = List.copyOf(resolutions);
    }

    /**
     * The registration policy.
     *
     * @param policy closed, open, or open on an administrator's approval
     * @param limit the most users the instance takes by sign-up, -1 for no limit
     * @param minimumAge the age sign-up asks people to confirm
     * @param requiresEmailVerification whether new users (and requests) must follow a link mailed to them before they may log in,
     *                                  and a changed address waits for its confirmation
     */
    public record Signup(SignupPolicy policy, int limit, int minimumAge, boolean requiresEmailVerification) {}

    /** Who may sign up. */
    public enum SignupPolicy { CLOSED, OPEN, APPROVAL }

    /**
     * P2P shares a viewer's IP address with other viewers: the administrator chooses, per kind of
     * viewer, on, off, or on once the viewer agrees. Each user may still turn it off.
     */
    public record P2pDefaults(P2pMode anonymous, P2pMode users) {}

    /** One P2P default. */
    public enum P2pMode { ON, OFF, ASK }
}
