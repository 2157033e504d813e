package org.cdphub.connector.crm.jdbc.internal;

import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.RouteIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One route per instance, {@code connector.<id>.poll}: every {@code poll.interval} it reads the contacts changed
 * after the saved position, batch by batch, until a batch comes back short. Per batch it sends the fragments (a
 * {@code List<Fragment>}) to the fragments URI, the keys of soft-deleted rows (a {@code List<String>}) to the removals
 * URI and each rejected row as a {@code DeadLetter}, and only then saves the batch's last (modified, key) as the
 * checkpoint. A database step that fails is retried with exponential back-off; when the retries are spent the poll
 * ends, the failure is counted, and the next poll starts again from the checkpoint. A batch the hub refuses fails the
 * poll at once (the runtime's routes handle their own failures), and the next poll sends it again.
 */
final class CrmJdbcRoutes extends RouteBuilder {

    static final String STEP = "poll";
    private static final String BATCH = "cdphub.crmjdbc.batch";
    private static final String POSITION = "cdphub.crmjdbc.position";
    private static final String MORE = "cdphub.crmjdbc.more";
    private static final Logger LOG = LoggerFactory.getLogger(CrmJdbcRoutes.class);

    private final CrmJdbcSettings settings;
    private final DataSource dataSource;
    private final ConnectorContext context;
    private final Clock clock;
    private final ContactReader reader;
    private final ContactMapper mapper;

    CrmJdbcRoutes(CrmJdbcSettings settings, DataSource dataSource, ConnectorContext context, Clock clock) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.context = context;
        this.clock = clock;
        this.reader = new ContactReader(settings);
        this.mapper = new ContactMapper(settings);
    }

    @Override
    public void configure() {
        // the runtime gives a connector's context no error handler (failures travel back to it); a poll's retries
        // and its failure message need one in these routes, or onException is never applied
        errorHandler(defaultErrorHandler());
        onException(Exception.class)
                .maximumRedeliveries(settings.retryAttempts())
                .redeliveryDelay(settings.retryDelayMs())
                .useExponentialBackOff().backOffMultiplier(2)
                .maximumRedeliveryDelay(Math.max(settings.retryDelayMs(), 300_000))
                .logStackTrace(false).logRetryAttempted(false).logExhausted(false)
                .handled(true)
                .process(this::failed);

        from(timerUri()).routeId(RouteIds.connector(settings.id(), STEP))
            .process(this::start)
            .loopDoWhile(exchangeProperty(MORE).isEqualTo(true))
                .process(this::fetch)
                .filter(e -> !batch(e).fragments().isEmpty())
                    .setBody(e -> batch(e).fragments())
                    .to(context.fragmentsUri())
                .end()
                .filter(e -> !batch(e).removals().isEmpty())
                    .setBody(e -> batch(e).removals())
                    .to(context.removalsUri())
                .end()
                .setBody(e -> batch(e).deadLetters())
                .split(body()).stopOnException()
                    .to(context.deadLetterUri())
                .end()
                .process(this::commit)
            .end();
    }

    String timerUri() {
        return "timer:cdphub-crm-jdbc-" + settings.id() + "?delay=100&period=" + settings.pollInterval();
    }

    /** Starts a poll from the saved position (none: from the beginning). */
    private void start(Exchange exchange) {
        Optional<Position> saved = context.checkpoints().get(Position.CHECKPOINT)
                .flatMap(text -> Position.read(text, reader.over()));
        exchange.setProperty(POSITION, saved.orElse(null));
        exchange.setProperty(MORE, true);
    }

    private void fetch(Exchange exchange) throws Exception {
        Position after = exchange.getProperty(POSITION, Position.class);
        ContactReader.RawBatch raw = reader.read(dataSource, Optional.ofNullable(after));
        Batch batch = Batch.of(raw, reader.batchSize(), mapper, settings.id(), clock.instant());
        context.metrics().recordsRead(batch.rowsRead());
        exchange.setProperty(BATCH, batch);
    }

    /** The batch has been sent: its last position becomes the checkpoint. */
    private void commit(Exchange exchange) {
        Batch batch = batch(exchange);
        if (batch.last() != null) {
            context.checkpoints().put(Position.CHECKPOINT, batch.last().write());
            exchange.setProperty(POSITION, batch.last());
            LOG.debug("{}: {} rows, {} fragments, {} removals, {} rejected", settings.id(), batch.rowsRead(),
                    batch.fragments().size(), batch.removals().size(), batch.deadLetters().size());
        }
        exchange.setProperty(MORE, batch.full());
    }

    private void failed(Exchange exchange) {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String message = settings.scrub("poll failed after " + (settings.retryAttempts() + 1) + " attempts, "
                + "resuming from the last checkpoint at the next poll: " + rootMessage(caught));
        LOG.warn("{}: {}", settings.id(), message);
        context.metrics().failure(message);
    }

    private static Batch batch(Exchange exchange) {
        return exchange.getProperty(BATCH, Batch.class);
    }

    static String rootMessage(Throwable error) {
        if (error == null) {
            return "unknown error";
        }
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
