package org.cdphub.connector.dmp.internal;

import java.io.File;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.SynchronizationAdapter;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.connector.dmp.internal.DmpSettings.FileKind;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.RouteIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One route per instance: picks up audience files ({@code audience.include}) and cookie-sync feeds
 * ({@code sync.include}) from the inbox once they have stopped changing, streams each in batches, sends each batch's
 * fragments (a {@code List<Fragment>}) to the fragments URI and each rejected row as a {@link DeadLetter} to the
 * dead-letter URI, then moves the file to {@code .done}. A file that fails as a whole (no header, a required column
 * missing, an I/O error, the fragments endpoint refusing) is counted as a failure and moved to {@code .failed};
 * batches sent before that stay sent, and sending the file again is safe (same records, same keys).
 */
final class DmpRoutes extends RouteBuilder {

    static final String STEP = "inbox";
    private static final String BATCHES = "cdphub.dmp.batches";
    private static final String BATCH = "cdphub.dmp.batch";
    private static final Logger LOG = LoggerFactory.getLogger(DmpRoutes.class);

    private final DmpSettings settings;
    private final ConnectorContext context;
    private final Clock clock;
    private final Map<FileKind, DmpFileReader> readers;

    DmpRoutes(DmpSettings settings, ConnectorContext context, Clock clock) {
        this.settings = settings;
        this.context = context;
        this.clock = clock;
        this.readers = Map.of(
                FileKind.AUDIENCE, reader(new AudienceMapper(settings.id(), settings.platform(), settings.ttl(),
                        settings.audienceColumns())),
                FileKind.SYNC, reader(new SyncMapper(settings.id(), settings.platform(), settings.anonymousIdScope(),
                        settings.ttl(), settings.syncColumns())));
    }

    private DmpFileReader reader(RowMapper mapper) {
        return new DmpFileReader(mapper, settings.delimiter(), settings.charset(), settings.batchSize());
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

    /**
     * Polls the inbox for files matching either pattern (any case); moves them to .done or .failed. Other files,
     * hidden files and sub-folders are not read.
     */
    String inboxUri() {
        return "file:" + settings.inbox()
                + "?antInclude=RAW(" + settings.audienceInclude() + "," + settings.syncInclude() + ")"
                + "&antFilterCaseSensitive=false"
                + "&readLock=changed&readLockMinLength=0"
                + "&move=.done&moveFailed=.failed"
                + "&delay=" + settings.pollDelayMs();
    }

    private void open(Exchange exchange) throws Exception {
        File file = exchange.getMessage().getMandatoryBody(File.class);
        FileKind kind = settings.kindOf(file.getName()).orElseThrow(() -> new CsvFileException(file.getName()
                + " matches neither audience.include nor sync.include"));
        DmpBatches batches = readers.get(kind).open(file.toPath(), clock.instant());
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
        DmpBatches batches = exchange.getProperty(BATCHES, DmpBatches.class);
        LOG.info("{}: {}: {}", settings.id(), fileName(exchange), batches.summary());
    }

    /** Closes the file, counts the failure and fails the exchange again, so that the file moves to .failed. */
    private void failed(Exchange exchange) throws Exception {
        DmpBatches batches = exchange.getProperty(BATCHES, DmpBatches.class);
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
