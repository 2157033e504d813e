package org.cdphub.spi.connector.support.csv;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The column names of one file, from its first line, trimmed. */
public record CsvHeader(List<String> names, Map<String, Integer> index) {

    public CsvHeader {
        names = List.copyOf(names);
        index = Map.copyOf(index);
    }

    public static CsvHeader of(List<String> names) {
        List<String> trimmed = names.stream().map(String::strip).toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < trimmed.size(); i++) {
            index.putIfAbsent(trimmed.get(i), i);
        }
        return new CsvHeader(trimmed, index);
    }

    public static CsvHeader of(String... names) {
        return of(List.of(names));
    }

    public int size() {
        return names.size();
    }

    public boolean has(String column) {
        return index.containsKey(column);
    }

    /** The trimmed value of {@code column} in a record; empty when the file has no such column or the row is short. */
    public String value(List<String> values, String column) {
        Integer i = index.get(column);
        if (i == null || i >= values.size() || values.get(i) == null) {
            return "";
        }
        return values.get(i).strip();
    }
}
