package org.cdphub.segments.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example definitions the distribution ships in etc/segments all load. */
class ShippedDefinitionsTest {

    private static final Path SHIPPED = Path.of("../../assembly/src/main/resources/etc/segments");

    @Test
    void everyShippedDefinitionLoads() throws Exception {
        assertThat(SHIPPED).isDirectory();
        DefinitionLoader loader = new DefinitionLoader();
        assertThat(loader.syncDirectory(SHIPPED)).isEmpty();
        try (var files = Files.list(SHIPPED)) {
            assertThat(loader.definitions()).hasSize((int) files.count());
        }
        assertThat(loader.definitions()).extracting(SegmentDefinition::name).contains("nl-customers");
        List<String> names = loader.definitions().stream().map(SegmentDefinition::name).toList();
        assertThat(names).doesNotHaveDuplicates();
    }
}
