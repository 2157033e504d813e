package org.cdphub.connector.dmp.internal;

import java.io.File;
import java.time.Clock;
import java.util.Map;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.connector.dmp.internal.DmpSettings.FileKind;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.support.csv.CsvBatches;
import org.cdphub.spi.connector.support.csv.CsvFileException;
import org.cdphub.spi.connector.support.csv.CsvInboxRoutes;

/**
 * One route per instance: picks up audience files ({@code audience.include}) and cookie-sync feeds
 * ({@code sync.include}) from the inbox once they have stopped changing, streams each in batches, sends each batch's
 * fragments (a {@code List<Fragment>}) to the fragments URI and each rejected row as a {@link DeadLetter} to the
 * dead-letter URI, then moves the file to {@code .done}. A file that fails as a whole (no header, a required column
 * missing, an I/O error, the fragments endpoint refusing) is counted as a failure and moved to {@code .failed};
 * batches sent before that stay sent, and sending the file again is safe (same records, same keys).
 */
final class DmpRoutes extends CsvInboxRoutes {

    private final DmpSettings settings;
    private final Clock clock;
    private final Map<FileKind, DmpFileReader> readers;

    DmpRoutes(DmpSettings settings, ConnectorContext context, Clock clock) {
        super(settings.id(), context, clock, "cdphub.dmp");
        this.settings = settings;
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

    /**
     * Polls the inbox for files matching either pattern (any case); moves them to .done or .failed. Other files,
     * hidden files and sub-folders are not read.
     */
    @Override
    protected String inboxUri() {
        return "file:" + settings.inbox()
                + "?antInclude=RAW(" + settings.audienceInclude() + "," + settings.syncInclude() + ")"
                + "&antFilterCaseSensitive=false"
                + "&readLock=changed&readLockMinLength=0"
                + "&move=.done&moveFailed=.failed"
                + "&delay=" + settings.pollDelayMs();
    }

    @Override
    protected CsvBatches open(File file) throws Exception {
        FileKind kind = settings.kindOf(file.getName()).orElseThrow(() -> new CsvFileException(file.getName()
                + " matches neither audience.include nor sync.include"));
        return readers.get(kind).open(file.toPath(), clock.instant());
    }
}
