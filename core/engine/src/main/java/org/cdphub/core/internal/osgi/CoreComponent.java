package org.cdphub.core.internal.osgi;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.service.CheckpointStore;
import org.cdphub.api.service.IdentityExplain;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.PendingChanges;
import org.cdphub.api.service.PreparedBatch;
import org.cdphub.api.service.ProfileExplanation;
import org.cdphub.api.service.ProfileQueries;
import org.cdphub.api.service.StoreHealth;
import org.cdphub.core.internal.explain.JdbcIdentityExplain;
import org.cdphub.core.internal.merge.BlockKeyBackfill;
import org.cdphub.core.internal.merge.MergeEngine;
import org.cdphub.core.internal.merge.ProbabilisticMatching;
import org.cdphub.core.internal.query.JdbcProfileQueries;
import org.cdphub.core.internal.rules.ResolutionRules;
import org.cdphub.core.internal.rules.RulesConfig;
import org.cdphub.core.internal.store.JdbcCheckpointStore;
import org.cdphub.core.internal.store.JdbcPendingChanges;
import org.cdphub.core.internal.store.Migrations;
import org.cdphub.core.internal.store.StoreProbe;
import org.cdphub.core.internal.store.StoreSync;
import org.cdphub.matching.api.MatchModel;
import org.cdphub.matching.api.Matcher;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Wires the merge engine, the profile queries and explanations: validates configuration {@code org.cdphub.core}
 * (identity rules and survivorship included; an error names the key), migrates the store's schema, and offers
 * {@link IdentityResolution}, {@link ProfileQueries}, {@link IdentityExplain}, {@link CheckpointStore},
 * {@link PendingChanges} and {@link StoreHealth}. The DataSource is chosen with the
 * {@code DataSource.target} property, by default {@value #DEFAULT_DATA_SOURCE}. An H2 store's file is written through
 * to the disk every {@code store.sync.interval} ({@link StoreSync}) while the component is active.
 */
@Component(configurationPid = "org.cdphub.core",
        service = {IdentityResolution.class, ProfileQueries.class, IdentityExplain.class, CheckpointStore.class,
                PendingChanges.class, StoreHealth.class})
@Designate(ocd = CoreConfig.class)
public final class CoreComponent implements IdentityResolution, ProfileQueries, IdentityExplain, CheckpointStore,
        PendingChanges, StoreHealth {

    public static final String DEFAULT_DATA_SOURCE = "(dataSourceName=cdphub)";
    static final String PID = "org.cdphub.core";

    private final MergeEngine engine;
    private final JdbcProfileQueries queries;
    private final JdbcIdentityExplain explain;
    private final JdbcCheckpointStore checkpoints;
    private final JdbcPendingChanges pendingChanges;
    private final StoreSync storeSync;
    private final StoreProbe probe;
    private static final System.Logger LOG = System.getLogger(CoreComponent.class.getName());

    /** Configured from the typed attributes only (the keys CoreConfig declares). */
    public CoreComponent(DataSource dataSource, CoreConfig config) {
        this(dataSource, config, Map.of());
    }

    /**
     * @param properties the whole configuration: besides the typed attributes, {@code rules.*} and
     *                   {@code survivorship.*} keys for types and traits CoreConfig does not name
     */
    @Activate
    public CoreComponent(@Reference(name = "DataSource", target = DEFAULT_DATA_SOURCE) DataSource dataSource,
            CoreConfig config, Map<String, Object> properties) {
        IdentifierNormalizer normalizer = normalizer(config.phone_default_region());
        ResolutionRules rules = rules(config, properties);
        Duration syncInterval = syncInterval(config.store_sync_interval());
        Migrations.migrate(dataSource);
        this.engine = new MergeEngine(dataSource, normalizer, rules, matching(config), Clock.systemUTC());
        this.queries = new JdbcProfileQueries(dataSource, normalizer);
        this.explain = new JdbcIdentityExplain(dataSource, normalizer, rules);
        this.checkpoints = new JdbcCheckpointStore(dataSource, Clock.systemUTC());
        this.pendingChanges = new JdbcPendingChanges(dataSource);
        this.probe = new StoreProbe(dataSource);
        backfillBlockKeys(dataSource);
        this.storeSync = StoreSync.start(dataSource, syncInterval);
    }

    /** Stops the store sync. */
    @Deactivate
    void stop() {
        storeSync.close();
    }

    /** Whether the store's file is being synced ({@link StoreSync}). */
    boolean syncingStore() {
        return storeSync.active();
    }

    /** {@code store.sync.interval}: zero (off), or 10 ms to an hour. */
    static Duration syncInterval(String text) {
        try {
            Duration d = Duration.parse(text == null ? "" : text.strip());
            if (d.isZero() || d.compareTo(Duration.ofMillis(10)) >= 0 && d.compareTo(Duration.ofHours(1)) <= 0) {
                return d;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalArgumentException(PID + " store.sync.interval: expected PT0S (off) or an ISO-8601"
                + " duration from PT0.01S to PT1H, such as PT1S, got '" + text + "'");
    }

    /** Recomputes the blocking keys of stored profiles in the background when a migration asked for it. */
    private static void backfillBlockKeys(DataSource dataSource) {
        BlockKeyBackfill backfill = new BlockKeyBackfill(dataSource);
        if (!backfill.pending()) {
            return;
        }
        Thread worker = new Thread(() -> {
            try {
                long profiles = backfill.runIfPending();
                LOG.log(System.Logger.Level.INFO, "blocking keys recomputed for " + profiles + " stored profiles");
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "blocking key backfill failed; it runs again at the next start: "
                        + e);
            }
        }, "cdphub-block-key-backfill");
        worker.setDaemon(true);
        worker.start();
    }

    /** {@code matching.enabled}, {@code matching.threshold} and {@code matching.weights}. */
    static ProbabilisticMatching matching(CoreConfig config) {
        MatchModel model = MatchModel.defaults();
        String weights = config.matching_weights() == null ? "" : config.matching_weights().strip();
        if (!weights.isEmpty()) {
            try {
                model = MatchModel.load(Path.of(weights));
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(PID + " matching.weights: cannot read " + weights + ": "
                        + e.getMessage(), e);
            }
        }
        double threshold = model.threshold();
        String t = config.matching_threshold() == null ? "" : config.matching_threshold().strip();
        if (!t.isEmpty()) {
            try {
                threshold = Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PID + " matching.threshold: not a number: " + t, e);
            }
        }
        return new ProbabilisticMatching(config.matching_enabled(), Matcher.fellegiSunter(model), threshold,
                ProbabilisticMatching.DEFAULT_MAX_CANDIDATES_PER_KEY);
    }

    static IdentifierNormalizer normalizer(String region) {
        try {
            return new IdentifierNormalizer(region);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + " phone.default.region: " + e.getMessage(), e);
        }
    }

    /** The typed attributes, overlaid with every {@code rules.*} and {@code survivorship.*} property. */
    static ResolutionRules rules(CoreConfig config, Map<String, ?> properties) {
        Map<String, Object> effective = new LinkedHashMap<>();
        effective.put(RulesConfig.PRIORITY, config.rules_priority());
        effective.put(RulesConfig.SHARED, config.rules_shared());
        effective.put("rules.blocked.common", config.rules_blocked_common());
        effective.put("rules.blocked.email", config.rules_blocked_email());
        effective.put("rules.blocked.phone", config.rules_blocked_phone());
        effective.put("rules.limit.crmId", config.rules_limit_crmId());
        effective.put("rules.limit.customerId", config.rules_limit_customerId());
        effective.put("rules.limit.email", config.rules_limit_email());
        effective.put("rules.limit.phone", config.rules_limit_phone());
        effective.put("rules.limit.hashedEmail", config.rules_limit_hashedEmail());
        effective.put("rules.limit.deviceId", config.rules_limit_deviceId());
        effective.put("rules.limit.cookieId", config.rules_limit_cookieId());
        effective.put("rules.limit.default", config.rules_limit_default());
        effective.put("survivorship.default", config.survivorship_default());
        effective.put("survivorship.sources", config.survivorship_sources());
        effective.putAll(RulesConfig.select(properties == null ? Map.of() : properties));
        try {
            return RulesConfig.parse(effective);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PID + " " + e.getMessage(), e);
        }
    }

    @Override
    public MergeResult merge(List<Fragment> fragments) {
        return engine.merge(fragments);
    }

    @Override
    public MergeResult merge(List<Fragment> fragments, List<Instant> sentAt) {
        return engine.merge(fragments, sentAt);
    }

    @Override
    public PreparedBatch prepare(List<Fragment> fragments, List<Instant> sentAt) {
        return engine.prepare(fragments, sentAt);
    }

    @Override
    public MergeResult merge(PreparedBatch batch) {
        return engine.merge(batch);
    }

    @Override
    public MergeResult remove(String source, List<String> sourceRecordIds) {
        return engine.remove(source, sourceRecordIds);
    }

    @Override
    public MergeResult remove(String source, List<String> sourceRecordIds, Instant sentAt) {
        return engine.remove(source, sourceRecordIds, sentAt);
    }

    @Override
    public MergeResult expire(int max) {
        return engine.expire(max);
    }

    @Override
    public int forgetTombstones(int max) {
        return engine.forgetTombstones(max);
    }

    @Override
    public boolean acceptsWrites() {
        return probe.acceptsWrites();
    }

    @Override
    public List<Pending> claimDue(Instant before, Instant now, int max) {
        return pendingChanges.claimDue(before, now, max);
    }

    @Override
    public void announced(Collection<Long> ids) {
        pendingChanges.announced(ids);
    }

    @Override
    public Optional<String> loadCheckpoint(String connectorId, String key) {
        return checkpoints.loadCheckpoint(connectorId, key);
    }

    @Override
    public void saveCheckpoint(String connectorId, String key, String value) {
        checkpoints.saveCheckpoint(connectorId, key, value);
    }

    @Override
    public void deleteCheckpoint(String connectorId, String key) {
        checkpoints.deleteCheckpoint(connectorId, key);
    }

    @Override
    public Optional<Profile> findByIdentifier(Identifier identifier) {
        return queries.findByIdentifier(identifier);
    }

    @Override
    public Optional<Profile> findById(String profileId) {
        return queries.findById(profileId);
    }

    @Override
    public long count() {
        return queries.count();
    }

    @Override
    public Optional<ProfileExplanation> explain(Identifier identifier) {
        return explain.explain(identifier);
    }

    @Override
    public Optional<String> blockedReason(Identifier identifier) {
        return explain.blockedReason(identifier);
    }
}
