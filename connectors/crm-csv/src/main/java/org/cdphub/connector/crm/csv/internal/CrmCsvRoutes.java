package org.cdphub.connector.crm.csv.internal;

import java.io.File;
import java.time.Clock;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.SynchronizationAdapter;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.RouteIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One route per instance: picks up {@code *.csv} from the inbox once it has stopped changing, streams it in batches,
 * sends each batch's fragments (a {@code List<Fragment>}) to the fragments URI and each rejected row as a
 * {@link DeadLetter} to the dead-letter URI, then moves the file to {@code .done}. A file that fails as a whole (no
 * header, a mapped column missing, an I/O error, the fragments endpoint refusing) is counted as a failure and moved
 * to {@code .failed}; batches sent before that stay sent, and sending the file again is safe (same records, same keys).
 */
final class CrmCsvRoutes extends RouteBuilder {

    static final String STEP = "inbox";
    private static final String BATCHES = "cdphub.crmcsv.batches";
    private static final String BATCH = "cdphub.crmcsv.batch";
    private static final Logger LOG = LoggerFactory.getLogger(CrmCsvRoutes.class);

    private final CrmCsvSettings settings;
    private final ConnectorContext context;
    private final Clock clock;
    private final ContactFileReader reader;

    CrmCsvRoutes(CrmCsvSettings settings, ConnectorContext context, Clock clock) {
        this.settings = settings;
        this.context = context;
        this.clock = clock;
        this.reader = settings.reader();
    }

    @Override
    public void configure() {
        from(inboxUri()).routeId(RouteIds.connector(settings.id(), STEP))
            .doTry()
                .process(this::open)
                .split(body()).streaming().stopOnException()
                    .setProperty(BATCH, body())
                    .process(e -> context.metrics().recordsRead(batch(e).rowsRead()))
                    .filter(e -> !batch(e).fragments().isEmpty())
                        .setBody(e -> batch(e).fragments())
                        .to(context.fragmentsUri())
                    .end()
                    .setBody(e -> deadLetters(batch(e)))
                    .split(body()).stopOnException()
                        .to(context.deadLetterUri())
                    .end()
                .end()
                .process(this::done)
            .endDoTry()
            .doCatch(Exception.class)
                .process(this::failed)
            .end();
    }

    /** Polls the inbox; moves files to .done or .failed. Hidden files and sub-folders are not read. */
    String inboxUri() {
        return "file:" + settings.inbox()
                + "?includeExt=csv"
                + "&readLock=changed&readLockMinLength=0"
                + "&move=.done&moveFailed=.failed"
                + "&delay=" + settings.pollDelayMs();
    }

    private void open(Exchange exchange) throws Exception {
        File file = exchange.getMessage().getMandatoryBody(File.class);
        ContactBatches batches = reader.open(file.toPath());
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                batches.close();
            }
        });
        exchange.setProperty(BATCHES, batches);
        exchange.getMessage().setBody(batches);
    }

    private void done(Exchange exchange) {
        ContactBatches batches = exchange.getProperty(BATCHES, ContactBatches.class);
        LOG.info("{}: {}: {}", settings.id(), fileName(exchange), batches.summary());
    }

    /** Closes the file, counts the failure and fails the exchange again, so that the file moves to .failed. */
    private void failed(Exchange exchange) throws Exception {
        ContactBatches batches = exchange.getProperty(BATCHES, ContactBatches.class);
        if (batches != null) {
            batches.close();
        }
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String message = fileName(exchange) + ": " + rootMessage(caught);
        LOG.warn("{}: {}", settings.id(), message);
        context.metrics().failure(message);
        throw caught;
    }

    private List<DeadLetter> deadLetters(Batch batch) {
        String stage = RouteIds.connector(settings.id(), "map");
        return batch.rejections().stream()
                .map(r -> new DeadLetter(stage, settings.id(), r.location(), r.reason(), r.raw(), clock.instant()))
                .toList();
    }

    private static Batch batch(Exchange exchange) {
        return exchange.getProperty(BATCH, Batch.class);
    }

    private static String fileName(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "?", String.class);
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
