package org.cdphub.core.internal.osgi;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.cdphub.api.identity.IdentifierNormalizer;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.ProfileQueries;
import org.cdphub.core.internal.merge.MergeEngine;
import org.cdphub.core.internal.query.JdbcProfileQueries;
import org.cdphub.core.internal.store.Migrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Wires the merge engine and the profile queries: validates configuration {@code org.cdphub.core}, migrates the
 * store's schema, and offers {@link IdentityResolution} and {@link ProfileQueries}. The DataSource is chosen with the
 * {@code DataSource.target} property, by default {@value #DEFAULT_DATA_SOURCE}.
 */
@Component(configurationPid = "org.cdphub.core", service = {IdentityResolution.class, ProfileQueries.class})
@Designate(ocd = CoreConfig.class)
public final class CoreComponent implements IdentityResolution, ProfileQueries {

    public static final String DEFAULT_DATA_SOURCE = "(dataSourceName=cdphub)";

    private final MergeEngine engine;
    private final JdbcProfileQueries queries;

    @Activate
    public CoreComponent(@Reference(name = "DataSource", target = DEFAULT_DATA_SOURCE) DataSource dataSource,
            CoreConfig config) {
        IdentifierNormalizer normalizer = normalizer(config.phone_default_region());
        Migrations.migrate(dataSource);
        this.engine = new MergeEngine(dataSource, normalizer, Clock.systemUTC());
        this.queries = new JdbcProfileQueries(dataSource, normalizer);
    }

    static IdentifierNormalizer normalizer(String region) {
        try {
            return new IdentifierNormalizer(region);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("org.cdphub.core phone.default.region: " + e.getMessage(), e);
        }
    }

    @Override
    public MergeResult merge(List<Fragment> fragments) {
        return engine.merge(fragments);
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
}
