package org.cdphub.core.internal.osgi;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.api.service.SegmentInfo;
import org.cdphub.core.internal.segment.SegmentDefinition;
import org.cdphub.core.internal.segment.SegmentEvaluator;
import org.cdphub.core.internal.store.Migrations;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Wires segment evaluation: parses every definition of configuration {@code org.cdphub.segments} (a bad one fails
 * activation, naming it), makes sure the schema is there, and offers {@link SegmentEvaluation}.
 */
@Component(configurationPid = "org.cdphub.segments", service = SegmentEvaluation.class)
@Designate(ocd = SegmentsConfig.class)
public final class SegmentsComponent implements SegmentEvaluation {

    private final SegmentEvaluator evaluator;

    @Activate
    public SegmentsComponent(
            @Reference(name = "DataSource", target = CoreComponent.DEFAULT_DATA_SOURCE) DataSource dataSource,
            SegmentsConfig config) {
        List<SegmentDefinition> definitions;
        try {
            definitions = SegmentDefinition.parseAll(config.definitions());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("org.cdphub.segments definitions: " + e.getMessage(), e);
        }
        Migrations.migrate(dataSource);
        this.evaluator = new SegmentEvaluator(dataSource, definitions, Clock.systemUTC());
    }

    @Override
    public List<MembershipChange> evaluate(Collection<String> profileIds, List<MergeResult.Absorbed> absorbed) {
        return evaluator.evaluate(profileIds, absorbed);
    }

    @Override
    public List<SegmentInfo> segments() {
        return evaluator.segments();
    }
}
