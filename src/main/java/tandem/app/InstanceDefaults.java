package tandem.app;

import tandem.core.Config;
import tandem.instance.InstanceSettings;
import tandem.instance.InstanceSettings.P2pDefaults;
import tandem.instance.InstanceSettings.P2pMode;
import tandem.instance.InstanceSettings.Signup;
import tandem.instance.InstanceSettings.SignupPolicy;

import java.util.List;

/** The settings of an instance whose administrator has set nothing yet: the deployment's config, closed sign-up, P2P on. */
final class InstanceDefaults {
    private InstanceDefaults() {}

    static InstanceSettings from(Config c) {
        return new InstanceSettings(c.instanceName(), "A Tandem video instance", "", "", "",
                new Signup(SignupPolicy.CLOSED, -1, 16, false), c.defaultVideoQuota(), c.defaultVideoQuotaDaily(),
                List.of(240, 360, 480, 720, 1080), "display", new P2pDefaults(P2pMode.ON, P2pMode.ON));
    }
}
