package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Profile;
import org.cdphub.api.model.TraitValue;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.segment.SegmentEvaluator;
import org.cdphub.core.internal.segment.TestSegments;
import org.cdphub.core.internal.store.Jdbc;
import org.cdphub.core.internal.store.MembershipTable;
import org.cdphub.core.internal.store.Migrations;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.core.internal.store.TestStore;
import org.cdphub.segments.api.SegmentDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Merges and segment evaluations at the same time on two nodes: the segment stage takes the segment lock, not the
 * store lock, so it evaluates while merges absorb, create and change the profiles it reads. Every merge's changed and
 * absorbed profiles are evaluated afterwards by segment threads of either node, in whatever order they get to them (as
 * competing consumers of the profiles-changed queue would). Afterwards the segment state must be what the stored
 * documents say, with counts that match and no state of a profile that is gone.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ConcurrentMergeAndSegmentsTest {

    private static final int PEOPLE = 120;
    private static final int FRAGMENTS_PER_PERSON = 8;
    private static final int BATCH = 12;
    private static final int MERGE_THREADS_PER_NODE = 2;
    private static final int SEGMENT_THREADS_PER_NODE = 2;
    private static final List<SegmentDefinition> SEGMENTS = TestSegments.of("nl", TestSegments.NL,
            "named", TestSegments.exists("firstName"));

    private final TestDatabase database;

    ConcurrentMergeAndSegmentsTest(TestDatabase database) {
        this.database = database;
    }

    @Test
    void segmentStateFollowsTheDocumentsWhileMergesAbsorbTheProfilesItReads() throws Exception {
        List<List<Fragment>> batches = Jdbc.chunks(fragments(new Random(20261130L)), BATCH);
        String url = database.newStore();
        IdentifierNormalizer normalizer = new IdentifierNormalizer("NL");
        int threads = 2 * (MERGE_THREADS_PER_NODE + SEGMENT_THREADS_PER_NODE);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (HikariDataSource node1 = database.pool(url, MERGE_THREADS_PER_NODE + SEGMENT_THREADS_PER_NODE);
                HikariDataSource node2 = database.pool(url, MERGE_THREADS_PER_NODE + SEGMENT_THREADS_PER_NODE)) {
            Migrations.migrate(node1);
            List<HikariDataSource> nodes = List.of(node1, node2);
            BlockingQueue<MergeResult> changed = new LinkedBlockingQueue<>();
            MergeResult end = new MergeResult(List.of(), List.of(), 0, List.of());
            List<Future<Integer>> segmentWork = new ArrayList<>();
            for (HikariDataSource node : nodes) {
                SegmentEvaluator segments = new SegmentEvaluator(node, SEGMENTS, Clock.systemUTC());
                for (int t = 0; t < SEGMENT_THREADS_PER_NODE; t++) {
                    segmentWork.add(pool.submit(() -> {
                        int evaluated = 0;
                        for (MergeResult result = changed.take(); result != end; result = changed.take()) {
                            segments.evaluate(result.changedProfileIds(), result.absorbed());
                            evaluated++;
                        }
                        return evaluated;
                    }));
                }
            }
            List<MergeEngine> engines = nodes.stream()
                    .map(node -> new MergeEngine(node, normalizer, Clock.systemUTC())).toList();
            List<Future<Integer>> merges = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                MergeEngine engine = engines.get(i % 2);
                List<Fragment> batch = batches.get(i);
                merges.add(pool.submit(() -> {
                    MergeResult result = engine.merge(batch);
                    changed.add(result); // announced once committed, as the merge stage does
                    return result.absorbed().size();
                }));
            }
            int absorbed = 0;
            for (Future<Integer> merge : merges) {
                absorbed += merge.get(2, TimeUnit.MINUTES);
            }
            segmentWork.forEach(w -> changed.add(end));
            int evaluations = 0;
            for (Future<Integer> work : segmentWork) {
                evaluations += work.get(2, TimeUnit.MINUTES);
            }
            assertThat(absorbed).as("profiles absorbed while the segment stage ran").isGreaterThan(10);
            assertThat(evaluations).isEqualTo(batches.size());

            assertStateFollowsTheDocuments(node1);
            SegmentEvaluator once = new SegmentEvaluator(node1, SEGMENTS, Clock.systemUTC());
            List<String> profiles = TestStore.rows(node1, "select profile_id from cdp_profile").stream()
                    .map(r -> r.get(0)).toList();
            assertThat(once.evaluate(profiles, List.of())).as("changes of every profile evaluated once more").isEmpty();
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Person p has fragments whose cookie ids chain p-c0 ... p-c8, the first with an e-mail and a country (NL for
     * every other person), the last with a first name for every third; every fifth person's last fragment also carries
     * the first cookie of the next person, whose country then decides by survivorship. Shuffled, so that a person's
     * fragments land in several batches and merges absorb profiles the segment stage has evaluated.
     */
    private static List<Fragment> fragments(Random random) {
        List<Fragment> fragments = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            for (int j = 0; j < FRAGMENTS_PER_PERSON; j++) {
                EngineFixture.FragmentBuilder f = fragment("source-" + j, "person-" + p, T0.plusSeconds(j))
                        .id("cookieId", "p" + p + "-c" + j).id("cookieId", "p" + p + "-c" + (j + 1));
                if (j == 0) {
                    f.email("person" + p + "@example.com").trait("country", p % 2 == 0 ? "NL" : "BE");
                }
                if (j == FRAGMENTS_PER_PERSON - 1 && p % 3 == 0) {
                    f.trait("firstName", "Person " + p);
                }
                if (j == FRAGMENTS_PER_PERSON - 1 && p % 5 == 0 && p + 1 < PEOPLE) {
                    f.id("cookieId", "p" + (p + 1) + "-c0");
                }
                fragments.add(f.build());
            }
        }
        Collections.shuffle(fragments, random);
        return fragments;
    }

    /** Memberships as the documents say (worked out here, not by the evaluator), counts that match, no orphans. */
    private static void assertStateFollowsTheDocuments(HikariDataSource dataSource) {
        Map<String, Set<String>> expected = new TreeMap<>();
        for (List<String> row : TestStore.rows(dataSource, "select profile_id, doc from cdp_profile")) {
            Map<String, TraitValue> traits = CdpJson.read(row.get(1), Profile.class).traits();
            Set<String> segments = new TreeSet<>();
            TraitValue country = traits.get("country");
            if (country != null && "nl".equalsIgnoreCase(String.valueOf(country.value()))) {
                segments.add("nl");
            }
            if (traits.containsKey("firstName")) {
                segments.add("named");
            }
            expected.put(row.get(0), segments);
        }
        Map<String, Set<String>> stored = new TreeMap<>();
        Map<String, Long> members = new HashMap<>();
        Jdbc.read(dataSource, c -> {
            MembershipTable.loadMaps(c, expected.keySet()).forEach((id, memberships) -> {
                stored.put(id, new TreeSet<>(memberships.keySet()));
                memberships.keySet().forEach(s -> members.merge(s, 1L, Long::sum));
            });
            return null;
        });
        expected.keySet().forEach(id -> stored.putIfAbsent(id, Set.of()));
        assertThat(stored).as("memberships of every profile").isEqualTo(expected);
        assertThat(members.get("nl")).as("members of nl").isGreaterThan(10);
        Map<String, Long> counts = Jdbc.read(dataSource, MembershipTable::counts);
        assertThat(counts).as("member counts").isEqualTo(members);
        assertThat(TestStore.rows(dataSource, "select profile_id from cdp_segment_state s where not exists"
                + " (select 1 from cdp_profile p where p.profile_id = s.profile_id)")).as("state of profiles gone")
                .isEmpty();
    }
}
