package org.cdphub.spi.connector.support.csv;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns a reader needs from a file's header: the file fails as a whole when a required column is missing, or
 * when a column it reads stands twice in the header (which of the two would be meant?).
 *
 * @param required the columns that must be there
 * @param read     every column that is read (required or not)
 * @param source   what names the columns, for messages (e.g. {@code "the mapping"}), or null
 */
public record HeaderRule(List<String> required, Collection<String> read, String source) {

    public HeaderRule {
        required = List.copyOf(required);
        read = Set.copyOf(read);
    }

    /**
     * Checks the header of {@code fileName}, read from line {@code line}.
     *
     * @throws CsvFileException naming the column, the file and (when missing) the header's columns
     */
    public void check(CsvHeader header, String fileName, long line) {
        Set<String> seen = new HashSet<>();
        for (String name : header.names()) {
            if (!seen.add(name) && read.contains(name)) {
                throw new CsvFileException(fileName + ": the header has column '" + name + "' twice, so "
                        + (source == null ? "it" : source) + " is ambiguous");
            }
        }
        List<String> missing = required.stream().filter(c -> !header.has(c)).toList();
        if (!missing.isEmpty()) {
            throw new CsvFileException(fileName + ": the header (line " + line + ") lacks "
                    + missing.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "))
                    + (source == null ? "" : " named in " + source)
                    + "; its columns are: " + String.join(", ", header.names()));
        }
    }
}
