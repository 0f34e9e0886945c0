package dev.reparse.runtime.email;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Hands mail to a {@link Mailer} off the request's thread: a signup or reset request answers
 * without waiting for the SMTP server, and a failing server is logged, never the request's error
 * (as Parse Server, whose adapters' failures do not fail signup).
 */
public final class Outbox implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Outbox.class);

    private final Mailer mailer;
    private final String appId;
    private final ExecutorService senders = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("mail-", 0).factory());

    public Outbox(Mailer mailer, String appId) {
        this.mailer = mailer;
        this.appId = appId;
    }

    /** Queues the mail; the future tells whether the server took it (tests wait on it; requests never do). */
    public CompletableFuture<Boolean> post(MailMessage message) {
        return CompletableFuture.supplyAsync(() -> deliver(message), senders);
    }

    private boolean deliver(MailMessage message) {
        MDC.put("appId", appId);
        try {
            mailer.send(message);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("mail \"%s\" to %s not sent: %s", message.subject(), message.to(), e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        senders.shutdown();
    }
}
