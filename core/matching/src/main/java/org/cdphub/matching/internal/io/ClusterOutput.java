package org.cdphub.matching.internal.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code record_id,profile_id}: profiles numbered in the order their first record appears in the input. */
public final class ClusterOutput {
    private ClusterOutput() {
    }

    public static void write(Path file, String[] ids, int[] clusterOf) throws IOException {
        int[] number = new int[ids.length];
        int next = 0;
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("record_id,profile_id\n");
            for (int i = 0; i < ids.length; i++) {
                int root = clusterOf[i];
                if (number[root] == 0) {
                    number[root] = ++next;
                }
                w.write(quote(ids[i]));
                w.write(",p");
                w.write(Integer.toString(number[root]));
                w.write('\n');
            }
        }
    }

    private static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
