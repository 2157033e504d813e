package org.cdphub.connector.crm.csv.internal;

import java.io.File;
import java.time.Clock;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.spi.connector.ConnectorContext;
import org.cdphub.spi.connector.support.csv.CsvBatches;
import org.cdphub.spi.connector.support.csv.CsvInboxRoutes;

/**
 * One route per instance: picks up {@code *.csv} from the inbox once it has stopped changing, streams it in batches,
 * sends each batch's fragments (a {@code List<Fragment>}) to the fragments URI and each rejected row as a
 * {@link DeadLetter} to the dead-letter URI, then moves the file to {@code .done}. A file that fails as a whole (no
 * header, a mapped column missing, an I/O error, the fragments endpoint refusing) is counted as a failure and moved
 * to {@code .failed}; batches sent before that stay sent, and sending the file again is safe (same records, same keys).
 */
final class CrmCsvRoutes extends CsvInboxRoutes {

    private final CrmCsvSettings settings;
    private final ContactFileReader reader;

    CrmCsvRoutes(CrmCsvSettings settings, ConnectorContext context, Clock clock) {
        super(settings.id(), context, clock, "cdphub.crmcsv");
        this.settings = settings;
        this.reader = settings.reader();
    }

    /** Polls the inbox; moves files to .done or .failed. Hidden files and sub-folders are not read. */
    @Override
    protected String inboxUri() {
        return "file:" + settings.inbox()
                + "?includeExt=csv"
                + "&readLock=changed&readLockMinLength=0"
                + "&move=.done&moveFailed=.failed"
                + "&delay=" + settings.pollDelayMs();
    }

    @Override
    protected CsvBatches open(File file) throws Exception {
        return reader.open(file.toPath());
    }
}
