package tandem.federation.transport;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a byte cap and gives up the moment it is exceeded, cancelling the
 * stream so a hostile server cannot make us read (or buffer) an endless body.
 */
public final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private CappedBody(long max) {
        this.max = max;
    }

    /** A body handler that fails early on a declared Content-Length over the cap, and otherwise counts. */
    static HttpResponse.BodyHandler<byte[]> handler(long max) {
        return info -> {
            CappedBody body = new CappedBody(max);
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > max) {
                body.result.completeExceptionally(tooLarge(max));
            }
            return body;
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (result.isDone()) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            if (bytes.size() + (long) buffer.remaining() > max) {
                subscription.cancel();
                result.completeExceptionally(tooLarge(max));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.writeBytes(chunk);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    private static FederationHttpException tooLarge(long max) {
        return FederationHttpException.refused("response larger than " + max + " bytes");
    }
}
