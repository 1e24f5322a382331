package tandem.federation.transport;

import tandem.core.Problem;
import tandem.job.PermanentJobFailure;
import tandem.federation.signature.SignatureException;
import tandem.federation.vocab.FederationException;

/**
 * Sorts the failures of federation jobs: what will be the same on every retry (a refused object, a
 * 4xx, a malformed URL) ends the job at once with its reason; network trouble and 5xx are retried.
 */
public final class JobFailures {
    private JobFailures() {}

    public static Exception classify(RuntimeException e) {
        return switch (e) {
            case FederationException f -> new PermanentJobFailure(f.getMessage(), f);
            case ForbiddenAddressException f -> new PermanentJobFailure(f.getMessage(), f);
            case SignatureException f -> new PermanentJobFailure(f.getMessage(), f);
            case FederationHttpException f -> f.retryable() ? f : new PermanentJobFailure(f.getMessage(), f);
            case IllegalArgumentException f -> new PermanentJobFailure("malformed activity: " + f.getMessage(), f);
            case Problem p -> p.status() < 500 ? new PermanentJobFailure(p.getMessage(), p) : p;
            default -> e;
        };
    }
}
