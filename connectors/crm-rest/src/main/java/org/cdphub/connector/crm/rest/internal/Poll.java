package org.cdphub.connector.crm.rest.internal;

import java.time.Clock;
import org.cdphub.spi.connector.Checkpoints;
import org.cdphub.spi.connector.ConnectorMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll: changed contacts, then (when {@code deletions} is on) archived ones. A part that fails is counted as a
 * failure with an operator's message (never the token) and leaves its checkpoint where the last delivered page put
 * it, so the next poll resumes there. Nothing is thrown: the poll route never fails.
 */
final class Poll {

    private static final Logger LOG = LoggerFactory.getLogger(Poll.class);

    private final CrmRestSettings settings;
    private final ContactSync contacts;
    private final DeletionSync deletions;

    Poll(CrmRestSettings settings, HubSpotClient client, Clock clock) {
        this.settings = settings;
        this.contacts = new ContactSync(settings, client, clock);
        this.deletions = new DeletionSync(settings, client, clock);
    }

    void run(Checkpoints checkpoints, Outbox outbox, ConnectorMetrics metrics) {
        try {
            ContactSync.Summary summary = contacts.run(checkpoints, outbox, metrics);
            log("contacts: {}", summary, summary.read > 0);
        } catch (HubSpotException e) {
            fail(metrics, e.getMessage());
            if (e.authentication()) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(metrics, "contacts: poll interrupted (stopping)");
            return;
        } catch (RuntimeException e) {
            fail(metrics, "contacts: delivery failed: " + rootMessage(e));
        }
        if (!settings.deletions()) {
            return;
        }
        try {
            long removed = deletions.run(checkpoints, outbox, metrics);
            log("archived contacts: {} erasures sent", removed, removed > 0);
        } catch (HubSpotException e) {
            fail(metrics, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(metrics, "archived contacts: poll interrupted (stopping)");
        } catch (RuntimeException e) {
            fail(metrics, "archived contacts: delivery failed: " + rootMessage(e));
        }
    }

    private void log(String format, Object value, boolean info) {
        if (info) {
            LOG.info("{}: " + format, settings.id(), value);
        } else {
            LOG.debug("{}: " + format, settings.id(), value);
        }
    }

    private void fail(ConnectorMetrics metrics, String message) {
        String safe = message.replace(settings.token(), CrmRestSettings.MASK);
        LOG.warn("{}: {}", settings.id(), safe);
        metrics.failure(safe);
    }

    static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
