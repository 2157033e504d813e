package org.cdphub.segments.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every YAML/JSON block in docs/segments.md parses (whole definitions as files, fragments as conditions). */
class DocumentationExamplesTest {

    private static final Path DOC = Path.of("../../docs/segments.md");

    @Test
    void everyExampleInTheReferenceParses() throws Exception {
        List<String> blocks = blocks(Files.readString(DOC));
        assertThat(blocks).hasSizeGreaterThan(10);
        int whole = 0;
        for (String block : blocks) {
            if (block.startsWith("{") || block.startsWith("name:")) {
                SegmentParser.parse(block.startsWith("{") ? "doc.json" : "doc.yaml", block);
                whole++;
            } else {
                for (String condition : split(block)) {
                    TestSupport.condition(condition);
                }
            }
        }
        assertThat(whole).isEqualTo(2);
    }

    /** Bodies of ```yaml and ```json blocks. */
    private static List<String> blocks(String markdown) {
        List<String> out = new ArrayList<>();
        StringBuilder current = null;
        for (String line : markdown.split("\n", -1)) {
            if (current == null && (line.equals("```yaml") || line.equals("```json"))) {
                current = new StringBuilder();
            } else if (current != null && line.equals("```")) {
                out.add(current.toString());
                current = null;
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        return out;
    }

    /** A block of alternative one-line conditions is split at each line that starts a new condition. */
    private static List<String> split(String block) {
        List<String> out = new ArrayList<>();
        boolean oneLiners = block.lines().allMatch(l -> l.startsWith("birthday:") || l.startsWith("location:"));
        if (oneLiners) {
            block.lines().forEach(out::add);
        } else {
            out.add(block);
        }
        return out;
    }
}
