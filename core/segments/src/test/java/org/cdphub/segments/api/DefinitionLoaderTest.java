package org.cdphub.segments.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload: a broken file is reported with file and line and its previous version stays active. */
class DefinitionLoaderTest {

    private static final String GOOD = "name: nl\ndescription: v1\ncondition:\n  trait: country\n  equals: NL\n";
    private static final String BROKEN = "name: nl\ndescription: v2\ncondition:\n  trait: country\n  equls: NL\n";

    @Test
    void aBrokenReloadKeepsThePreviousVersionActive() {
        DefinitionLoader loader = new DefinitionLoader();
        assertThat(loader.load("nl.yaml", GOOD)).isEmpty();
        long generation = loader.generation();
        assertThat(loader.load("nl.yaml", BROKEN)).get().extracting(Throwable::getMessage).asString()
                .startsWith("nl.yaml:5: unknown operator 'equls'");
        assertThat(loader.definition("nl")).get().extracting(SegmentDefinition::description).isEqualTo("v1");
        assertThat(loader.errors()).hasSize(1);
        assertThat(loader.generation()).isEqualTo(generation);
        assertThat(loader.load("nl.yaml", GOOD.replace("v1", "v3"))).isEmpty();
        assertThat(loader.definition("nl")).get().extracting(SegmentDefinition::description).isEqualTo("v3");
        assertThat(loader.errors()).isEmpty();
        assertThat(loader.generation()).isGreaterThan(generation);
    }

    @Test
    void aBrokenNewFileActivatesNothing() {
        DefinitionLoader loader = new DefinitionLoader();
        assertThat(loader.load("nl.yaml", BROKEN)).isPresent();
        assertThat(loader.definitions()).isEmpty();
    }

    @Test
    void aNameDefinedInAnotherFileIsRejected() {
        DefinitionLoader loader = new DefinitionLoader();
        loader.load("a.yaml", GOOD);
        assertThat(loader.load("b.yaml", GOOD.replace("v1", "copy"))).get().extracting(Throwable::getMessage)
                .isEqualTo("b.yaml:1: segment 'nl' is already defined in a.yaml");
        assertThat(loader.definition("nl")).get().extracting(SegmentDefinition::source).isEqualTo("a.yaml");
    }

    @Test
    void cyclesOfSegmentReferencesAreRejectedAndOrderPutsReferencesFirst() {
        DefinitionLoader loader = new DefinitionLoader();
        loader.load("a.yaml", "name: a\ncondition: { segment: b }\n");
        loader.load("b.yaml", "name: b\ncondition: { segment: c }\n");
        assertThat(loader.load("c.yaml", "name: c\ncondition: { segment: a }\n")).get()
                .extracting(Throwable::getMessage).isEqualTo("c.yaml:1: segment references form a cycle: c -> a -> b -> c");
        loader.load("c.yaml", "name: c\ncondition: { trait: x, exists: true }\n");
        assertThat(loader.definitions()).extracting(SegmentDefinition::name).containsExactly("c", "b", "a");
    }

    @Test
    void syncDirectoryLoadsChangesKeepsTheLastGoodVersionAndForgetsDeletedFiles(@TempDir Path dir) throws Exception {
        DefinitionLoader loader = new DefinitionLoader();
        Files.writeString(dir.resolve("nl.yaml"), GOOD);
        Files.writeString(dir.resolve("be.json"), "{\"name\": \"be\", \"condition\": {\"location\": {\"country\": \"BE\"}}}");
        Files.writeString(dir.resolve("notes.txt"), "not a definition");
        Files.writeString(dir.resolve(".nl.yaml.swp"), "editor junk");
        assertThat(loader.syncDirectory(dir)).isEmpty();
        assertThat(loader.definitions()).extracting(SegmentDefinition::name).containsExactly("be", "nl");

        Files.writeString(dir.resolve("nl.yaml"), BROKEN);
        List<DefinitionException> errors = loader.syncDirectory(dir);
        assertThat(errors).extracting(Throwable::getMessage).singleElement().asString()
                .startsWith("nl.yaml:5: unknown operator 'equls'");
        assertThat(loader.definition("nl")).get().extracting(SegmentDefinition::description).isEqualTo("v1");

        Files.delete(dir.resolve("nl.yaml"));
        assertThat(loader.syncDirectory(dir)).isEmpty();
        assertThat(loader.definitions()).extracting(SegmentDefinition::name).containsExactly("be");
    }

    @Test
    void ofTwoFilesDefiningOneNameAFreshLoaderActivatesTheIncumbentWhateverTheirNames(@TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("nl.yaml"), GOOD);
        Files.writeString(dir.resolve("added-later.yaml"), GOOD.replace("v1", "copy").replace("NL", "BE"));
        // a hub that restarts: the store last evaluated nl.yaml's definition
        DefinitionLoader restarted = new DefinitionLoader();
        assertThat(restarted.syncDirectory(dir, d -> "v1".equals(d.description())))
                .extracting(Throwable::getMessage)
                .containsExactly("added-later.yaml:1: segment 'nl' is already defined in nl.yaml");
        assertThat(restarted.definition("nl")).get().extracting(SegmentDefinition::source).isEqualTo("nl.yaml");
        // nothing known: name order
        DefinitionLoader unknown = new DefinitionLoader();
        unknown.syncDirectory(dir);
        assertThat(unknown.definition("nl")).get().extracting(SegmentDefinition::source)
                .isEqualTo("added-later.yaml");
    }

    @Test
    void aFileRefusedForItsNameBecomesActiveOnceTheFileItClashedWithIsGone(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), GOOD);
        Files.writeString(dir.resolve("b.yaml"), GOOD.replace("v1", "b"));
        DefinitionLoader loader = new DefinitionLoader();
        assertThat(loader.syncDirectory(dir)).hasSize(1);
        long generation = loader.generation();
        assertThat(loader.syncDirectory(dir)).as("tried again, refused again").hasSize(1);
        assertThat(loader.generation()).isEqualTo(generation);
        Files.delete(dir.resolve("a.yaml"));
        assertThat(loader.syncDirectory(dir)).isEmpty();
        assertThat(loader.definition("nl")).get().extracting(SegmentDefinition::source).isEqualTo("b.yaml");
    }

    @Test
    void theActiveDefinitionKeepsItsNameWhenItsFileIsRenamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("nl.yaml"), GOOD);
        DefinitionLoader loader = new DefinitionLoader();
        loader.syncDirectory(dir);
        Files.writeString(dir.resolve("b.yaml"), GOOD.replace("v1", "b").replace("NL", "BE"));
        assertThat(loader.syncDirectory(dir)).hasSize(1);
        Files.move(dir.resolve("nl.yaml"), dir.resolve("z.yaml")); // "b.yaml" now sorts first
        assertThat(loader.syncDirectory(dir)).extracting(Throwable::getMessage)
                .containsExactly("b.yaml:1: segment 'nl' is already defined in z.yaml");
        assertThat(loader.definition("nl")).get().extracting(SegmentDefinition::source).isEqualTo("z.yaml");
    }

    @Test
    void aFileThatWasNotUtf8IsForgottenWithItsProblemWhenDeleted(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("latin1.yaml"), "name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        DefinitionLoader loader = new DefinitionLoader();
        assertThat(loader.syncDirectory(dir)).extracting(Throwable::getMessage)
                .containsExactly("latin1.yaml:1: not UTF-8 text");
        Files.delete(dir.resolve("latin1.yaml"));
        assertThat(loader.syncDirectory(dir)).isEmpty();
    }
}
