package org.cdphub.matching.internal.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import org.cdphub.matching.api.Field;

/** Which CSV column feeds which canonical field, and which holds the record id (never a feature). */
final class ColumnMapping {
    private final List<String> header;
    private final int idIndex;
    private final int[] columnOf = new int[Field.values().length];

    private ColumnMapping(List<String> header, int idIndex) {
        this.header = header;
        this.idIndex = idIndex;
        Arrays.fill(columnOf, -1);
    }

    static ColumnMapping of(CSVRecord headerRow, String idColumn, Map<String, String> spec) {
        List<String> header = new ArrayList<>();
        headerRow.forEach(h -> header.add(h.trim()));
        int id = header.indexOf(idColumn);
        if (id < 0) {
            throw new IllegalArgumentException("id column '" + idColumn + "' is not in the header " + header);
        }
        ColumnMapping m = new ColumnMapping(header, id);
        if (spec == null || spec.isEmpty()) {
            for (int c = 0; c < header.size(); c++) {
                for (Field f : Field.values()) {
                    if (c != id && squash(header.get(c)).equals(squash(f.canonicalName())) && m.columnOf[f.ordinal()] < 0) {
                        m.columnOf[f.ordinal()] = c;
                    }
                }
            }
        } else {
            for (Map.Entry<String, String> e : spec.entrySet()) {
                int c = header.indexOf(e.getKey().trim());
                if (c < 0) {
                    throw new IllegalArgumentException("mapped column '" + e.getKey() + "' is not in the header " + header);
                }
                if (c == id) {
                    throw new IllegalArgumentException("the id column '" + idColumn + "' cannot be a feature");
                }
                Field f = Field.byName(e.getValue());
                if (m.columnOf[f.ordinal()] >= 0) {
                    throw new IllegalArgumentException("field " + f.canonicalName() + " is mapped twice");
                }
                m.columnOf[f.ordinal()] = c;
            }
        }
        return m;
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    int idIndex() {
        return idIndex;
    }

    String idColumn() {
        return header.get(idIndex);
    }

    int columnCount() {
        return header.size();
    }

    String value(CSVRecord row, Field f) {
        int c = columnOf[f.ordinal()];
        return c < 0 ? null : row.get(c);
    }

    String describe() {
        Map<String, String> used = new LinkedHashMap<>();
        used.put(header.get(idIndex), "(id)");
        for (Field f : Field.values()) {
            if (columnOf[f.ordinal()] >= 0) {
                used.put(header.get(columnOf[f.ordinal()]), f.canonicalName() + (f.scored() ? "" : " (not scored)"));
            }
        }
        List<String> ignored = new ArrayList<>(header);
        ignored.removeAll(used.keySet());
        return used + (ignored.isEmpty() ? "" : ", ignored " + ignored);
    }
}
