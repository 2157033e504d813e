package org.cdphub.core.internal.merge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cdphub.core.internal.merge.EngineFixture.T0;
import static org.cdphub.core.internal.merge.EngineFixture.fragment;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.service.MergeResult;
import org.cdphub.core.internal.store.Jdbc;
import org.cdphub.core.internal.store.Migrations;
import org.cdphub.core.internal.store.TestDatabase;
import org.cdphub.core.internal.store.TestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes (two engines, each with a connection pool of its own, so no JVM lock is shared) merge overlapping people at
 * the same time from several threads; only the store's database lock keeps their transactions apart. Afterwards the
 * store must hold exactly one profile per connected component of the fragments' identifiers (computed here,
 * independently of the engine), and every identifier once, owned by the profile of every fragment that carries it.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
class ConcurrentMergeTest {

    private static final long SEED = 20251129L;
    private static final int PEOPLE = 100;
    private static final int FRAGMENTS_PER_PERSON = 20;
    private static final int BATCH = 10;
    private static final int THREADS_PER_NODE = 4;

    private final TestDatabase database;

    ConcurrentMergeTest(TestDatabase database) {
        this.database = database;
    }

    @Test
    void twoNodesMergingOverlappingPeopleLeaveOneProfilePerConnectedComponent() throws Exception {
        List<Fragment> fragments = fragments(new Random(SEED));
        List<List<Fragment>> batches = Jdbc.chunks(fragments, BATCH);
        String url = database.newStore();
        IdentifierNormalizer normalizer = new IdentifierNormalizer("NL");
        ExecutorService threads = Executors.newFixedThreadPool(2 * THREADS_PER_NODE);
        try (HikariDataSource pool1 = database.pool(url, THREADS_PER_NODE);
                HikariDataSource pool2 = database.pool(url, THREADS_PER_NODE)) {
            Migrations.migrate(pool1);
            List<MergeEngine> nodes = List.of(new MergeEngine(pool1, normalizer, Clock.systemUTC()),
                    new MergeEngine(pool2, normalizer, Clock.systemUTC()));

            long started = System.nanoTime();
            List<Future<MergeResult>> results = new ArrayList<>();
            for (int i = 0; i < batches.size(); i++) {
                MergeEngine node = nodes.get(i % 2);
                List<Fragment> batch = batches.get(i);
                results.add(threads.submit(() -> node.merge(batch)));
            }
            int absorbed = 0;
            for (Future<MergeResult> result : results) {
                MergeResult merged = result.get(2, TimeUnit.MINUTES); // a failed merge fails the test here
                assertThat(merged.rejected()).isEmpty();
                absorbed += merged.absorbed().size();
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.printf("%s: %d fragments in %d batches merged by 2 nodes x %d threads in %d ms, %d absorptions%n",
                    database, fragments.size(), batches.size(), THREADS_PER_NODE, millis, absorbed);

            assertStoreMatchesTheComponentsOf(fragments, pool1);
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Person p has five fragments whose cookie ids chain p-c0 ... p-c5 (and an e-mail on the first); every seventh
     * person's last fragment also carries the first cookie of the next person. Shuffled, so that every person's
     * fragments land in different batches, merged by both nodes.
     */
    private static List<Fragment> fragments(Random random) {
        List<Fragment> fragments = new ArrayList<>();
        for (int p = 0; p < PEOPLE; p++) {
            for (int j = 0; j < FRAGMENTS_PER_PERSON; j++) {
                EngineFixture.FragmentBuilder f = fragment("source-" + j, "person-" + p, T0)
                        .id("cookieId", "p" + p + "-c" + j).id("cookieId", "p" + p + "-c" + (j + 1));
                if (j == 0) {
                    f.email("person" + p + "@example.com");
                }
                if (j == FRAGMENTS_PER_PERSON - 1 && p % 3 == 0 && p + 1 < PEOPLE) {
                    f.id("cookieId", "p" + (p + 1) + "-c0");
                }
                fragments.add(f.build());
            }
        }
        Collections.shuffle(fragments, random);
        return fragments;
    }

    private static void assertStoreMatchesTheComponentsOf(List<Fragment> fragments, HikariDataSource dataSource) {
        Map<String, String> owners = new HashMap<>();
        for (List<String> row : TestStore.rows(dataSource, "select id_key, profile_id from cdp_identifier")) {
            assertThat(owners.put(row.get(0), row.get(1))).as("second owner of %s", row.get(0)).isNull();
        }
        Set<String> allKeys = new HashSet<>();
        Map<String, String> profileOfRecord = new HashMap<>();
        List<List<String>> stored = TestStore.rows(dataSource, "select profile_id, body from cdp_fragment");
        assertThat(stored).hasSize(fragments.size());
        for (List<String> row : stored) {
            Fragment fragment = CdpJson.read(row.get(1), Fragment.class);
            profileOfRecord.put(fragment.source() + "/" + fragment.sourceRecordId(), row.get(0));
            for (Identifier identifier : fragment.identifiers()) {
                allKeys.add(identifier.key());
                assertThat(owners.get(identifier.key())).as("owner of %s, identifier of a fragment of profile %s",
                        identifier.key(), row.get(0)).isEqualTo(row.get(0));
            }
        }
        assertThat(owners.keySet()).as("identifiers no stored fragment has").isEqualTo(allKeys);

        Set<String> profiles = new HashSet<>();
        Set<String> inDocs = new HashSet<>();
        for (List<String> row : TestStore.rows(dataSource, "select profile_id, doc from cdp_profile")) {
            profiles.add(row.get(0));
            for (Identifier identifier : CdpJson.read(row.get(1), Profile.class).identifiers()) {
                assertThat(inDocs.add(identifier.key())).as("%s in two profiles", identifier.key()).isTrue();
                assertThat(owners.get(identifier.key())).isEqualTo(row.get(0));
            }
        }
        assertThat(new HashSet<>(profileOfRecord.values())).as("profiles that have fragments").isEqualTo(profiles);

        Components components = new Components();
        fragments.forEach(f -> f.identifiers().forEach(i -> components.union(f.identifiers().get(0).key(), i.key())));
        Map<String, Set<String>> profilesOfComponent = new HashMap<>();
        for (Fragment f : fragments) {
            profilesOfComponent.computeIfAbsent(components.find(f.identifiers().get(0).key()), k -> new HashSet<>())
                    .add(profileOfRecord.get(f.source() + "/" + f.sourceRecordId()));
        }
        assertThat(profilesOfComponent.size()).as("connected components").isLessThan(PEOPLE);
        profilesOfComponent.forEach((root, ids) -> assertThat(ids).as("profiles of the component of %s", root)
                .hasSize(1));
        assertThat(profiles).hasSize(profilesOfComponent.size());
    }

    /** Union-find over identifier keys, written here so the check does not share code with the engine. */
    private static final class Components {
        private final Map<String, String> parent = new HashMap<>();

        String find(String key) {
            String root = key;
            while (!parent.getOrDefault(root, root).equals(root)) {
                root = parent.get(root);
            }
            for (String k = key; !k.equals(root);) {
                String next = parent.get(k);
                parent.put(k, root);
                k = next;
            }
            return root;
        }

        void union(String a, String b) {
            String ra = find(a);
            String rb = find(b);
            if (!ra.equals(rb)) {
                parent.put(ra, rb);
            }
        }
    }
}
