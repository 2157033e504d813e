package org.cdphub.core.internal.explain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.identity.Normalized;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.service.IdentityExplain;
import org.cdphub.api.service.ProfileExplanation;
import org.cdphub.core.internal.rules.ResolutionRules;
import org.cdphub.core.internal.store.AliasTable;
import org.cdphub.core.internal.store.DroppedIdentifierTable;
import org.cdphub.core.internal.store.FragmentTable;
import org.cdphub.core.internal.store.IdentifierTable;
import org.cdphub.core.internal.store.Jdbc;
import org.cdphub.core.internal.store.MatchLinkTable;

/** Explains profiles from the store. Lock-free, like the profile queries: it sees the last committed merge. */
public final class JdbcIdentityExplain implements IdentityExplain {

    private final DataSource dataSource;
    private final IdentifierNormalizer normalizer;
    private final ResolutionRules rules;

    public JdbcIdentityExplain(DataSource dataSource, IdentifierNormalizer normalizer, ResolutionRules rules) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.normalizer = Objects.requireNonNull(normalizer, "normalizer");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    @Override
    public Optional<ProfileExplanation> explain(Identifier identifier) {
        Normalized normalized = normalizer.normalize(identifier);
        if (!normalized.isValid() || blockedReason(identifier).isPresent()) {
            return Optional.empty();
        }
        String key = normalized.identifier().key();
        return Jdbc.read(dataSource, c -> {
            String owner = IdentifierTable.owners(c, List.of(key)).get(key);
            if (owner == null) {
                return Optional.<ProfileExplanation>empty();
            }
            List<String> ids = List.of(owner);
            return Optional.of(ExplanationBuilder.build(owner, AliasTable.aliasesOf(c, ids).getOrDefault(owner,
                    List.of()), FragmentTable.byProfile(c, ids).getOrDefault(owner, List.of()),
                    DroppedIdentifierTable.ofProfiles(c, ids), MatchLinkTable.ofProfiles(c, ids), rules));
        });
    }

    /** Checks the value as written (trimmed) and, when it is valid, normalised. */
    @Override
    public Optional<String> blockedReason(Identifier identifier) {
        String trimmed = identifier.value().strip();
        Normalized normalized = normalizer.normalize(identifier.type(), trimmed);
        Optional<String> reason = rules.identity().blocked().reason(identifier.type(), trimmed);
        if (reason.isEmpty() && normalized.isValid()) {
            reason = rules.identity().blocked().reason(identifier.type(), normalized.identifier().value());
        }
        return reason;
    }
}
