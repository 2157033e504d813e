package org.cdphub.shell.internal;

import java.nio.file.Path;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.api.service.SegmentPreview;

@Service
@Command(scope = "cdp", name = "segment-preview",
        description = "Dry run of a segment definition file: how many profiles would match now, and a sample")
public class SegmentPreviewCommand implements Action {

    @Reference
    SegmentEvaluation segments;

    @Option(name = "-n", aliases = "--sample", description = "How many matching profile ids to show (default 10)")
    int sample = 10;

    @Argument(index = 0, name = "file", required = true, description = "Definition file (YAML or JSON)")
    @Completion(FileCompleter.class)
    String file;

    @Override
    public Object execute() throws Exception {
        Arguments.atLeastOne("-n", sample);
        Path path = Path.of(file);
        String text = Arguments.text(path);
        SegmentPreview preview;
        try {
            preview = segments.preview(path.getFileName().toString(), text, sample);
        } catch (IllegalArgumentException e) {
            System.out.println("not a valid definition: " + e.getMessage());
            return null;
        }
        System.out.println(preview.segment() + ": " + preview.matching() + " of " + preview.evaluated()
                + " profiles would be members now");
        preview.sample().forEach(id -> System.out.println("  " + id));
        return null;
    }
}
