package org.cdphub.matching.internal.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cdphub.matching.internal.gen.PeopleGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cdphub generate}: synthetic CRM/commerce/DMP people with the truth in the record id. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes synthetic person records from CRM, commerce and DMP-like sources with FEBRL-like"
                + " corruption (typos, missing values, swapped names, transposed dates, shared family e-mails,"
                + " placeholders). The record id 'p<person>-<source>-<n>' carries the truth: evaluate with"
                + " --truth-regex '^p(\\d+)-'.",
                "The columns are named after the canonical fields, so 'resolve' needs no --map."})
final class GenerateCommand implements Callable<Integer> {

    @Option(names = "--records", required = true, description = "number of records")
    int records;

    @Option(names = "--output", required = true, description = "CSV file to write")
    Path output;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (records < 1) {
            throw new IllegalArgumentException("--records must be at least 1");
        }
        long t0 = System.nanoTime();
        PeopleGenerator.Stats stats = new PeopleGenerator(seed).write(output, records);
        System.out.printf("generated %,d records of %,d people into %s in %.1f s%n", stats.records(),
                stats.people(), output, (System.nanoTime() - t0) / 1e9);
        return 0;
    }
}
