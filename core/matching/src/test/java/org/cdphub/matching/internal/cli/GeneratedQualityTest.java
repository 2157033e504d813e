package org.cdphub.matching.internal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.cdphub.matching.internal.eval.PairwiseEvaluation;
import org.cdphub.matching.internal.gen.PeopleGenerator;
import org.cdphub.matching.internal.io.CsvInput;
import org.cdphub.matching.internal.resolve.Resolution;
import org.cdphub.matching.internal.resolve.ResolveOptions;
import org.cdphub.matching.internal.resolve.Resolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quality on generated data with the default configuration (a quality assertion, never a timing one). */
class GeneratedQualityTest {

    @Test
    void defaultConfigurationReachesF1OfPoint95OnGeneratedPeople(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("people.csv");
        new PeopleGenerator(11).write(input, 5000);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        CsvInput.Result in = CsvInput.read(input, ',', "id", Map.of(), quiet, 0);

        Resolution r = new Resolver(ResolveOptions.defaults(), s -> { }).resolve(in.records());
        PairwiseEvaluation ev = PairwiseEvaluation.of(r.clusterOf(), PairwiseEvaluation.truthFromIds(in.ids(), "^p(\\d+)-"));

        assertThat(ev.f1()).as(ev.toString()).isGreaterThanOrEqualTo(0.95);
    }
}
