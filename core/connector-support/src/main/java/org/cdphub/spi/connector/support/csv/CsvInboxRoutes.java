package org.cdphub.spi.connector.support.csv;

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
 * One route per connector instance that reads CSV files from an inbox: picks up a file from {@link #inboxUri()},
 * streams it in batches ({@link #open}), sends each batch's fragments (a {@code List<Fragment>}) to the fragments URI
 * and each rejected row as a {@link DeadLetter} to the dead-letter URI. A file that fails as a whole (no header, a
 * required column missing, an I/O error, the fragments endpoint refusing) is counted as a failure, and the exchange
 * fails, so that the file endpoint moves it aside; batches sent before that stay sent. Logs under the subclass' name.
 */
public abstract class CsvInboxRoutes extends RouteBuilder {

    public static final String STEP = "inbox";

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String connectorId;
    private final ConnectorContext context;
    private final Clock clock;
    private final String batchesProperty;
    private final String batchProperty;

    /**
     * @param propertyPrefix prefix of the exchange properties this route keeps its state in, e.g. {@code cdphub.dmp}
     */
    protected CsvInboxRoutes(String connectorId, ConnectorContext context, Clock clock, String propertyPrefix) {
        this.connectorId = connectorId;
        this.context = context;
        this.clock = clock;
        this.batchesProperty = propertyPrefix + ".batches";
        this.batchProperty = propertyPrefix + ".batch";
    }

    /** The {@code file:} endpoint to poll; it moves files to .done, or aside when the exchange fails. */
    protected abstract String inboxUri();

    /** Opens a file picked up from the inbox. */
    protected abstract CsvBatches open(File file) throws Exception;

    @Override
    public void configure() {
        from(inboxUri()).routeId(RouteIds.connector(connectorId, STEP))
            .doTry()
                .process(this::open)
                .split(body()).streaming().stopOnException()
                    .setProperty(batchProperty, body())
                    .process(e -> context.metrics().recordsRead(batch(e).rowsRead()))
                    .filter(e -> !batch(e).fragments().isEmpty())
                        .setBody(e -> batch(e).fragments())
                        .to(context.fragmentsUri())
                    .end()
                    .filter(e -> !batch(e).rejections().isEmpty()) // one message: the batch's letters go together
                        .setBody(e -> deadLetters(batch(e)))
                        .to(context.deadLetterUri())
                    .end()
                .end()
                .process(this::done)
            .endDoTry()
            .doCatch(Exception.class)
                .process(this::failed)
            .end();
    }

    private void open(Exchange exchange) throws Exception {
        CsvBatches batches = open(exchange.getMessage().getMandatoryBody(File.class));
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                batches.close();
            }
        });
        exchange.setProperty(batchesProperty, batches);
        exchange.getMessage().setBody(batches);
    }

    private void done(Exchange exchange) {
        CsvBatches batches = exchange.getProperty(batchesProperty, CsvBatches.class);
        log.info("{}: {}: {}", connectorId, fileName(exchange), batches.summary());
    }

    /** Closes the file, counts the failure and fails the exchange again, so that the file moves to .failed. */
    private void failed(Exchange exchange) throws Exception {
        CsvBatches batches = exchange.getProperty(batchesProperty, CsvBatches.class);
        if (batches != null) {
            batches.close();
        }
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String file = fileName(exchange);
        String reason = rootMessage(caught);
        String message = reason.startsWith(file + ":") ? reason : file + ": " + reason; // the reader may name it
        log.warn("{}: {}", connectorId, message);
        context.metrics().failure(message);
        throw caught;
    }

    private List<DeadLetter> deadLetters(Batch batch) {
        String stage = RouteIds.connector(connectorId, "map");
        return batch.rejections().stream()
                .map(r -> new DeadLetter(stage, connectorId, r.location(), r.reason(), r.raw(), clock.instant()))
                .toList();
    }

    private Batch batch(Exchange exchange) {
        return exchange.getProperty(batchProperty, Batch.class);
    }

    private static String fileName(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.FILE_NAME_ONLY, "?", String.class);
    }

    /** The message of the innermost cause, or its class name when it has none. */
    public static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
