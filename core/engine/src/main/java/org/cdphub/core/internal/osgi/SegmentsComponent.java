package org.cdphub.core.internal.osgi;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.cdphub.api.model.MembershipChange;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.api.service.SegmentInfo;
import org.cdphub.api.service.SegmentMember;
import org.cdphub.api.service.SegmentPreview;
import org.cdphub.core.internal.segment.SegmentBrowser;
import org.cdphub.core.internal.segment.SegmentEvaluator;
import org.cdphub.core.internal.store.Migrations;
import org.cdphub.segments.api.DefinitionException;
import org.cdphub.segments.api.DefinitionLoader;
import org.cdphub.segments.api.Evaluator;
import org.cdphub.segments.api.SegmentDefinition;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Wires segment evaluation: validates configuration {@code org.cdphub.segments} (an error names the key), loads the
 * definition files of its directory and checks them again every {@code reload.interval} (a broken file is reported
 * with file and line, and its previous version stays active), makes every profile due for re-evaluation when a
 * definition was added or changed, and offers {@link SegmentEvaluation}.
 */
@Component(configurationPid = SegmentsComponent.PID, service = SegmentEvaluation.class)
@Designate(ocd = SegmentsConfig.class)
public final class SegmentsComponent implements SegmentEvaluation {

    static final String PID = "org.cdphub.segments";
    private static final System.Logger LOG = System.getLogger(SegmentsComponent.class.getName());

    private final DefinitionLoader loader = new DefinitionLoader();
    private final Path directory;
    private final SegmentEvaluator evaluator;
    private final SegmentBrowser browser;
    private final ScheduledExecutorService reloader;
    private volatile List<String> reported = List.of();
    private long generation = -1;

    @Activate
    public SegmentsComponent(
            @Reference(name = "DataSource", target = CoreComponent.DEFAULT_DATA_SOURCE) DataSource dataSource,
            SegmentsConfig config) {
        this.directory = directory(config.directory());
        Duration interval = interval(config.reload_interval());
        Evaluator rules = Evaluator.create(zone(config.time_zone()));
        Migrations.migrate(dataSource);
        this.evaluator = new SegmentEvaluator(dataSource, loader::definitions, rules, Clock.systemUTC());
        this.browser = new SegmentBrowser(dataSource, rules, Clock.systemUTC());
        reload();
        this.reloader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cdphub-segments-reload");
            t.setDaemon(true);
            return t;
        });
        reloader.scheduleWithFixedDelay(this::reloadQuietly, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        reloader.shutdownNow();
    }

    /** Syncs the loader with the directory; when the active definitions changed, tells the store. */
    synchronized void reload() {
        List<DefinitionException> problems;
        try {
            problems = loader.syncDirectory(directory, generation < 0 ? lastEvaluated() : definition -> false);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read segment definitions in " + directory + ": " + e);
            return;
        }
        List<String> now = problems.stream().map(DefinitionException::getMessage).toList();
        if (!now.equals(reported)) {
            now.stream().filter(p -> !reported.contains(p)).forEach(p -> LOG.log(System.Logger.Level.WARNING,
                    "segment definition not loaded (the previous version, if any, stays active): " + p));
            reported = now;
        }
        if (loader.generation() != generation) {
            generation = loader.generation();
            int due = evaluator.definitionsChanged();
            LOG.log(System.Logger.Level.INFO, "segments: " + loader.definitions().size() + " active from " + directory
                    + (due > 0 ? ", " + due + " profiles due for re-evaluation" : ""));
        }
    }

    /** At the first load: of two files defining one segment, the one the store last evaluated keeps it. */
    private Predicate<SegmentDefinition> lastEvaluated() {
        try {
            return evaluator.lastEvaluated();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read which segment definitions were active; files that"
                    + " define one segment name are taken in name order: " + e);
            return definition -> false;
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "segment reload failed, will try again: " + e);
        }
    }

    static Path directory(String configured) {
        String value = configured == null ? "" : configured.strip();
        if (value.isEmpty()) {
            String etc = System.getProperty("karaf.etc", "etc");
            return Path.of(etc, "segments");
        }
        Path path = Path.of(value);
        return path.isAbsolute() ? path : Path.of(System.getProperty("karaf.home", ".")).resolve(path);
    }

    static Duration interval(String text) {
        try {
            Duration d = Duration.parse(text == null ? "" : text.strip());
            if (d.compareTo(Duration.ofSeconds(1)) >= 0) {
                return d;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        throw new IllegalArgumentException(PID + " reload.interval: expected an ISO-8601 duration of at least PT1S,"
                + " got '" + text + "'");
    }

    static ZoneId zone(String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(PID + " time.zone: unknown time zone '" + value
                    + "' (use a region id such as Europe/Amsterdam)", e);
        }
    }

    @Override
    public List<MembershipChange> evaluate(Collection<String> profileIds, List<MergeResult.Absorbed> absorbed) {
        return evaluator.evaluate(profileIds, absorbed);
    }

    @Override
    public List<MembershipChange> evaluateDue(int max) {
        return evaluator.evaluateDue(max);
    }

    @Override
    public boolean fullEvaluationPending() {
        return evaluator.fullEvaluationPending();
    }

    @Override
    public List<SegmentInfo> segments() {
        return evaluator.segments();
    }

    @Override
    public List<String> problems() {
        return reported;
    }

    @Override
    public List<SegmentMember> members(String segment, int limit) {
        return browser.members(segment, limit);
    }

    @Override
    public SegmentPreview preview(String fileName, String text, int sample) {
        return browser.preview(fileName, text, sample);
    }
}
