package org.cdphub.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.api.service.SegmentInfo;

@Service
@Command(scope = "cdp", name = "segments",
        description = "Lists segments with their description, members and last change, and definition files that do not load")
public class SegmentsCommand implements Action {

    /** Printed while a full evaluation runs (bench/hub-memory.sh waits for it to go). */
    static final String FULL_EVALUATION =
            "full evaluation under way: new and changed segments are still gaining or losing members";

    @Reference
    SegmentEvaluation segments;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("NAME");
        table.column("DESCRIPTION");
        table.column("MEMBERS").alignRight();
        table.column("LAST CHANGE");
        for (SegmentInfo s : segments.segments()) {
            table.addRow().addContent(s.name(), s.describe(), s.members(),
                    s.lastChange() == null ? "" : s.lastChange().toString());
        }
        table.print(System.out);
        if (segments.fullEvaluationPending()) {
            System.out.println(FULL_EVALUATION);
        }
        for (String problem : segments.problems()) {
            System.out.println("not loaded: " + problem);
        }
        return null;
    }
}
