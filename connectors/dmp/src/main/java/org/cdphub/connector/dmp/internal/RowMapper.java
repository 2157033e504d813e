package org.cdphub.connector.dmp.internal;

import java.util.List;
import org.cdphub.spi.connector.support.csv.CsvHeader;
import org.cdphub.spi.connector.support.csv.MapResult;

/** Maps the rows of one kind of file. Implementations are pure functions of header, row and origin. */
interface RowMapper {

    /** Columns the file's header must have. */
    List<String> requiredColumns();

    /** Columns the mapper reads when present. */
    List<String> optionalColumns();

    /** One row; never null. */
    MapResult map(CsvHeader header, List<String> values, RowOrigin origin);
}
