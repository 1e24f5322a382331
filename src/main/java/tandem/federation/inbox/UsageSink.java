package tandem.federation.inbox;

import tandem.federation.actor.Actor;
import tandem.federation.vocab.Activity;

/**
 * Where authenticated usage activities go: the ledger (mirror package) judges, stores and answers
 * them. `from` is the remote instance actor that sent and signed the activity. A refusal is a
 * {@link tandem.federation.vocab.FederationException} carrying its reason.
 */
public interface UsageSink {
    /** We are the origin: a mirror reports what it served of our videos. */
    void onReport(Actor from, Activity.UsageReport report);

    /** We are the mirror: an origin answers one of our reports. */
    void onStatement(Actor from, Activity.UsageStatement statement);
}
