package org.cdphub.core.internal.merge;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.Consent;
import org.cdphub.api.model.Event;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.core.internal.explain.JdbcIdentityExplain;
import org.cdphub.core.internal.query.JdbcProfileQueries;
import org.cdphub.core.internal.rules.ResolutionRules;
import org.cdphub.core.internal.rules.RulesConfig;
import org.cdphub.core.internal.store.MutableClock;
import org.cdphub.core.internal.store.TestDatabase;

/** A migrated store with an engine, queries, a hand-moved clock and (optionally) chosen profile ids. */
public final class EngineFixture {

    public static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");

    public final DataSource dataSource;
    public final MutableClock clock = new MutableClock(T0);
    public final IdentifierNormalizer normalizer = new IdentifierNormalizer("NL");
    public final JdbcProfileQueries queries;
    public final ResolutionRules rules;
    public final JdbcIdentityExplain explain;
    private final Deque<String> ids = new ArrayDeque<>();
    private final ProfileIds profileIds = new ProfileIds();
    public final MergeEngine engine;

    /** On H2, with the built-in rules. */
    public EngineFixture() {
        this(TestDatabase.H2);
    }

    /** With the built-in rules. */
    public EngineFixture(TestDatabase database) {
        this(database, ResolutionRules.defaults());
    }

    /** On H2, with rules from configuration properties ({@code rules.*}, {@code survivorship.*}). */
    public EngineFixture(Map<String, ?> config) {
        this(TestDatabase.H2, RulesConfig.parse(config));
    }

    /** With rules from configuration properties ({@code rules.*}, {@code survivorship.*}). */
    public EngineFixture(TestDatabase database, Map<String, ?> config) {
        this(database, RulesConfig.parse(config));
    }

    public EngineFixture(ResolutionRules rules) {
        this(TestDatabase.H2, rules);
    }

    public EngineFixture(TestDatabase database, ResolutionRules rules) {
        this(database, rules, ProbabilisticMatching.defaults());
    }

    /** With the built-in rules and the given probabilistic matching. */
    public EngineFixture(TestDatabase database, ProbabilisticMatching matching) {
        this(database, ResolutionRules.defaults(), matching);
    }

    public EngineFixture(TestDatabase database, ResolutionRules rules, ProbabilisticMatching matching) {
        this.dataSource = database.fresh();
        this.queries = new JdbcProfileQueries(dataSource, normalizer);
        this.rules = rules;
        this.explain = new JdbcIdentityExplain(dataSource, normalizer, rules);
        this.engine = new MergeEngine(dataSource, normalizer, rules, matching, clock,
                () -> ids.isEmpty() ? profileIds.get() : ids.removeFirst());
    }

    /** Ids the engine gives to the next new profiles, in order. */
    public EngineFixture nextIds(String... profileIds) {
        ids.addAll(Arrays.asList(profileIds));
        return this;
    }

    public static FragmentBuilder fragment(String source, String recordId, Instant observedAt) {
        return new FragmentBuilder(source, recordId, observedAt);
    }

    /** Builds fragments in tests. */
    public static final class FragmentBuilder {
        private final String source;
        private final String recordId;
        private final Instant observedAt;
        private final List<Identifier> identifiers = new java.util.ArrayList<>();
        private final Map<String, Object> traits = new LinkedHashMap<>();
        private final List<Consent> consents = new java.util.ArrayList<>();
        private final List<Event> events = new java.util.ArrayList<>();
        private final Map<String, String> provenance = new LinkedHashMap<>();
        private Instant expiresAt;

        FragmentBuilder(String source, String recordId, Instant observedAt) {
            this.source = source;
            this.recordId = recordId;
            this.observedAt = observedAt;
        }

        public FragmentBuilder id(String type, String value) {
            identifiers.add(new Identifier(type, value));
            return this;
        }

        public FragmentBuilder email(String value) {
            return id("email", value);
        }

        public FragmentBuilder phone(String value) {
            return id("phone", value);
        }

        public FragmentBuilder trait(String name, Object value) {
            traits.put(name, value);
            return this;
        }

        public FragmentBuilder consent(Consent consent) {
            consents.add(consent);
            return this;
        }

        public FragmentBuilder event(Event event) {
            events.add(event);
            return this;
        }

        public FragmentBuilder provenance(String key, String value) {
            provenance.put(key, value);
            return this;
        }

        public FragmentBuilder expiresAt(Instant at) {
            expiresAt = at;
            return this;
        }

        public Fragment build() {
            return new Fragment(source, recordId, observedAt, identifiers, traits, consents, events, provenance,
                    expiresAt);
        }
    }
}
