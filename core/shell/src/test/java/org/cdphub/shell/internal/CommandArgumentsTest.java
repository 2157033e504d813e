package org.cdphub.shell.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.support.CommandException;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.service.ProfileQueries;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.api.service.SegmentInfo;
import org.cdphub.api.service.SegmentMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the user typed wrong is a {@link CommandException} with a message that says what and where (Karaf prints it
 * and logs it at DEBUG; any other exception is logged at ERROR with its stack trace).
 */
class CommandArgumentsTest {

    @Test
    void aMalformedIdentifierSaysWhatIsExpected() {
        ProfileCommand profile = new ProfileCommand();
        profile.identifier = "ann.devries@example.com";
        assertThatThrownBy(profile::execute).isInstanceOf(CommandException.class)
                .hasMessage("expected <type>:<value>, for example email:ann@example.com,"
                        + " got 'ann.devries@example.com'");
        ProfileExplainCommand explain = new ProfileExplainCommand();
        explain.identifier = "email:";
        assertThatThrownBy(explain::execute).isInstanceOf(CommandException.class).hasMessageStartingWith("expected");
    }

    @Test
    void aWellFormedIdentifierIsLookedUp() throws Exception {
        ProfileCommand profile = new ProfileCommand();
        profile.identifier = "email:nobody@example.com";
        profile.profiles = new ProfileQueries() {
            @Override
            public Optional<Profile> findByIdentifier(Identifier identifier) {
                return Optional.empty();
            }

            @Override
            public Optional<Profile> findById(String profileId) {
                return Optional.empty();
            }

            @Override
            public long count() {
                return 0;
            }
        };
        assertThatThrownBy(profile::execute).isInstanceOf(CommandException.class)
                .hasMessage("no profile holds email:nobody@example.com");
    }

    @Test
    void aPreviewOfAMissingFileOrADirectoryNamesThePath(@TempDir Path dir) {
        SegmentPreviewCommand preview = new SegmentPreviewCommand();
        preview.file = dir.resolve("missing.yaml").toString();
        assertThatThrownBy(preview::execute).isInstanceOf(CommandException.class)
                .hasMessage("no such file: " + dir.resolve("missing.yaml"));
        preview.file = dir.toString();
        assertThatThrownBy(preview::execute).isInstanceOf(CommandException.class)
                .hasMessage(dir + " is a directory; give a definition file");
    }

    @Test
    void aPreviewOfAFileThatIsNotUtf8SaysSo(@TempDir Path dir) throws Exception {
        Path latin1 = Files.write(dir.resolve("nl.yaml"), "name: café".getBytes(StandardCharsets.ISO_8859_1));
        SegmentPreviewCommand preview = new SegmentPreviewCommand();
        preview.file = latin1.toString();
        assertThatThrownBy(preview::execute).isInstanceOf(CommandException.class)
                .hasMessage(latin1 + " is not UTF-8 text");
    }

    @Test
    void membersListsAtLeastOneAndSaysWhenThereAreMore() throws Exception {
        SegmentMembersCommand members = new SegmentMembersCommand();
        members.segment = "nl";
        members.segments = new SegmentEvaluation() {
            @Override
            public List<org.cdphub.api.model.MembershipChange> evaluate(java.util.Collection<String> profileIds,
                    List<org.cdphub.api.service.MergeResult.Absorbed> absorbed) {
                return List.of();
            }

            @Override
            public List<SegmentInfo> segments() {
                return List.of(new SegmentInfo("nl", "Dutch", "nl.yaml", 130, null));
            }

            @Override
            public List<SegmentMember> members(String segment, int limit) {
                return List.of(new SegmentMember("p1", Instant.parse("2026-12-01T10:00:00Z")),
                        new SegmentMember("p2", Instant.parse("2026-12-01T09:00:00Z"))).subList(0, limit);
            }
        };
        members.limit = 0;
        assertThatThrownBy(members::execute).isInstanceOf(CommandException.class)
                .hasMessage("-n must be at least 1, got 0");
        members.limit = 2;
        assertThat(ConsoleOutput.of(members::execute)).contains("p1", "p2")
                .endsWith("2 of 130 members; -n lists more\n");
    }
}
