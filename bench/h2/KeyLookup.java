import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;

/**
 * Why the store looks fragments up by key on H2 with a join (docs/benchmarks.md, intake, session 4): 600,000 rows keyed
 * (source, source_record_id), 200,000 of one source; 50 lookups of 499 keys of that source each, three ways.
 * Run: java -cp ~/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar bench/h2/KeyLookup.java
 */
public class KeyLookup {

    public static void main(String[] args) throws Exception {
        Connection c = DriverManager.getConnection("jdbc:h2:mem:lookup");
        try (Statement s = c.createStatement()) {
            s.execute("create table f (source varchar(200) not null, rid varchar(500) not null,"
                    + " body varchar(1000000000) not null, primary key (source, rid))");
        }
        try (PreparedStatement ins = c.prepareStatement("insert into f values (?, ?, '{}')")) {
            for (int i = 0; i < 600_000; i++) {
                ins.setString(1, i % 3 == 1 ? "web" : "crm");
                ins.setString(2, "r" + i);
                ins.addBatch();
                if (i % 5_000 == 0) {
                    ins.executeBatch();
                }
            }
            ins.executeBatch();
        }
        time(c, "source = ? and rid in (?, ...)", "select body from f where source = ? and rid in ("
                + "?,".repeat(498) + "?)", false, false);
        time(c, "source = ? and rid = any(?)", "select body from f where source = ? and rid = any(?)", true, false);
        time(c, "join table(r varchar = ?)", "select f.body from table(r varchar = ?) k join f on f.source = ?"
                + " and f.rid = k.r", true, true);
    }

    private static void time(Connection c, String label, String sql, boolean array, boolean arrayFirst)
            throws Exception {
        Random random = new Random(1);
        long nanos = 0;
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int k = 0; k < 60; k++) {
                String[] ids = new String[499];
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = "r" + (random.nextInt(200_000) * 3 + 1);
                }
                if (arrayFirst) {
                    p.setObject(1, ids);
                    p.setString(2, "web");
                } else {
                    p.setString(1, "web");
                    if (array) {
                        p.setObject(2, ids);
                    } else {
                        for (int i = 0; i < ids.length; i++) {
                            p.setString(i + 2, ids[i]);
                        }
                    }
                }
                long t0 = System.nanoTime();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
                if (k >= 10) { // the first 10 warm up
                    nanos += System.nanoTime() - t0;
                }
            }
        }
        System.out.printf("%-32s %,10.1f ms per lookup of 499 keys%n", label, nanos / 50 / 1e6);
    }
}
