package dev.reparse.runtime.authdata;

import dev.reparse.protocol.Json;
import dev.reparse.protocol.ParseException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Calls a provider and reads its JSON answer within one deadline and a size cap: a provider that is
 * down, slow, or answers with an error or garbage yields no answer, which every caller turns into a
 * refused login (101), never a 500 or a hung request.
 */
final class ProviderHttp implements AutoCloseable {
    static final int MAX_BODY_BYTES = 1 << 20;
    private static final Logger LOG = Logger.getLogger(ProviderHttp.class);

    private final HttpClient client;
    private final Duration timeout;

    ProviderHttp(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The JSON object the provider answered with a 2xx status; empty for anything else. */
    Optional<Map<String, Object>> json(HttpRequest.Builder request) {
        HttpRequest built = request.timeout(timeout).header("Accept", "application/json").build();
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(built, info -> new CappedBody());
        try {
            HttpResponse<byte[]> response = call.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            if (response.statusCode() / 100 != 2) {
                LOG.debugf("%s %s answered %d", built.method(), built.uri().getHost(), response.statusCode());
                return Optional.empty();
            }
            return Optional.of(Json.parseObject(response.body()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | ParseException e) {
            call.cancel(true);
            LOG.debugf("%s %s failed: %s", built.method(), built.uri().getHost(), e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** Collects a body up to {@link #MAX_BODY_BYTES}; a larger one fails instead of filling the heap. */
    private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (result.isDone()) {
                    return;
                }
                if (bytes.size() + buffer.remaining() > MAX_BODY_BYTES) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("provider response larger than " + MAX_BODY_BYTES));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
