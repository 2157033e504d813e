package org.cdphub.matching.api;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Fellegi-Sunter parameters: for every scored field and agreement level the probability m of seeing that level on a
 * true match and u on a non-match, and the match threshold in bits. Immutable.
 *
 * <p>File form (Java properties): {@code threshold=8}, {@code firstName.exact.m=0.91}, {@code firstName.exact.u=0.004},
 * … for the levels {@code exact, close, partial, different}. A file may leave fields out; they keep the defaults.
 */
public final class MatchModel {
    /** Default threshold in bits (log2 of the likelihood ratio). */
    public static final double DEFAULT_THRESHOLD = 10.0;

    private static final double FLOOR = 1e-6;
    private final double[][] m;
    private final double[][] u;
    private final double threshold;

    private MatchModel(double[][] m, double[][] u, double threshold) {
        this.m = normalise(m);
        this.u = normalise(u);
        this.threshold = threshold;
    }

    /** Creates a model; {@code m[field][k]} and {@code u[field][k]} index the scored fields and {@link Level#SCORED}. */
    public static MatchModel of(double[][] m, double[][] u, double threshold) {
        if (m.length != Field.SCORED_COUNT || u.length != Field.SCORED_COUNT) {
            throw new IllegalArgumentException("need m and u for " + Field.SCORED_COUNT + " fields");
        }
        return new MatchModel(deepCopy(m), deepCopy(u), threshold);
    }

    /** Generic priors; bulk resolution replaces them with EM estimates unless a weights file is given. */
    public static MatchModel defaults() {
        double[][] m = new double[Field.SCORED_COUNT][];
        double[][] u = new double[Field.SCORED_COUNT][];
        for (int f = 0; f < Field.SCORED_COUNT; f++) {
            m[f] = new double[] {0.88, 0.06, 0.03, 0.03};
            u[f] = new double[] {0.01, 0.005, 0.02, 0.965};
        }
        setU(u, Field.FIRST_NAME, 0.01, 0.003, 0.02);
        setU(u, Field.LAST_NAME, 0.005, 0.002, 0.01);
        setU(u, Field.BIRTH_DATE, 0.0003, 0.001, 0.01);
        setU(u, Field.STREET_NUMBER, 0.02, 0.02, 0.05);
        setU(u, Field.ADDRESS_LINE1, 0.003, 0.001, 0.01);
        setU(u, Field.ADDRESS_LINE2, 0.003, 0.001, 0.01);
        setU(u, Field.CITY, 0.005, 0.001, 0.01);
        setU(u, Field.POSTCODE, 0.002, 0.01, 0.02);
        setU(u, Field.REGION, 0.2, 0.01, 0.01);
        setU(u, Field.PHONE, 0.00001, 0.0001, 0.0005);
        setU(u, Field.EMAIL, 0.00001, 0.0001, 0.001);
        setU(u, Field.NATIONAL_ID, 0.00001, 0.0001, 0.0005);
        return new MatchModel(m, u, DEFAULT_THRESHOLD);
    }

    private static void setU(double[][] u, Field f, double exact, double close, double partial) {
        u[f.ordinal()] = new double[] {exact, close, partial, 1 - exact - close - partial};
    }

    public double threshold() {
        return threshold;
    }

    public MatchModel withThreshold(double newThreshold) {
        return new MatchModel(m, u, newThreshold);
    }

    public double m(Field field, Level level) {
        return level == Level.MISSING ? 1 : m[scoredIndex(field)][level.ordinal() - 1];
    }

    public double u(Field field, Level level) {
        return level == Level.MISSING ? 1 : u[scoredIndex(field)][level.ordinal() - 1];
    }

    /** log2(m/u); 0 for {@link Level#MISSING}. */
    public double weight(Field field, Level level) {
        return level == Level.MISSING ? 0 : log2(m(field, level) / u(field, level));
    }

    private static int scoredIndex(Field field) {
        if (!field.scored()) {
            throw new IllegalArgumentException(field.canonicalName() + " is not a scored field");
        }
        return field.ordinal();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** Reads a weights file; fields or levels it leaves out keep {@link #defaults()}. */
    public static MatchModel load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        MatchModel base = defaults();
        double[][] m = deepCopy(base.m);
        double[][] u = deepCopy(base.u);
        for (String key : p.stringPropertyNames()) {
            if (key.equals("threshold")) {
                continue;
            }
            String[] parts = key.split("\\.");
            if (parts.length != 3 || !(parts[2].equals("m") || parts[2].equals("u"))) {
                throw new IOException(file + ": unknown key '" + key + "' (expected field.level.m|u or threshold)");
            }
            Field f = Field.byName(parts[0]);
            Level level = Level.valueOf(parts[1].toUpperCase(Locale.ROOT));
            if (!f.scored() || level == Level.MISSING) {
                throw new IOException(file + ": '" + key + "' is not a scored field and level");
            }
            double value = Double.parseDouble(p.getProperty(key).trim());
            (parts[2].equals("m") ? m : u)[f.ordinal()][level.ordinal() - 1] = value;
        }
        String t = p.getProperty("threshold");
        return new MatchModel(m, u, t == null ? base.threshold : Double.parseDouble(t.trim()));
    }

    /** Writes the model in the form {@link #load(Path)} reads. */
    public void save(Path file) throws IOException {
        TreeMap<String, String> lines = new TreeMap<>();
        for (Field f : Field.values()) {
            if (!f.scored()) {
                continue;
            }
            for (Level l : Level.SCORED) {
                String prefix = f.canonicalName() + "." + l.name().toLowerCase(Locale.ROOT) + ".";
                lines.put(prefix + "m", String.format(Locale.ROOT, "%.6g", m(f, l)));
                lines.put(prefix + "u", String.format(Locale.ROOT, "%.6g", u(f, l)));
            }
        }
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("# CDP Hub match model: m and u per field and level, threshold in bits (log2 likelihood ratio)\n");
            w.write("threshold=" + threshold + "\n");
            for (var e : lines.entrySet()) {
                w.write(e.getKey() + "=" + e.getValue() + "\n");
            }
        }
    }

    /** A table of the weights, for logs and reports. */
    public String describe() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "threshold %.2f bits%n", threshold));
        sb.append(String.format(Locale.ROOT, "%-13s %8s %8s %8s %8s%n", "field", "exact", "close", "partial", "diff"));
        for (Field f : Field.values()) {
            if (f.scored()) {
                sb.append(String.format(Locale.ROOT, "%-13s %+8.2f %+8.2f %+8.2f %+8.2f%n", f.canonicalName(),
                        weight(f, Level.EXACT), weight(f, Level.CLOSE), weight(f, Level.PARTIAL),
                        weight(f, Level.DIFFERENT)));
            }
        }
        return sb.toString();
    }

    private static double[][] normalise(double[][] p) {
        double[][] out = new double[p.length][];
        for (int f = 0; f < p.length; f++) {
            double sum = 0;
            out[f] = new double[p[f].length];
            for (int k = 0; k < p[f].length; k++) {
                out[f][k] = Math.max(FLOOR, p[f][k]);
                sum += out[f][k];
            }
            for (int k = 0; k < p[f].length; k++) {
                out[f][k] /= sum;
            }
        }
        return out;
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
