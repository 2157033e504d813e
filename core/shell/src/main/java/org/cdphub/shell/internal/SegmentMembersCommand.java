package org.cdphub.shell.internal;

import java.util.Optional;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.api.service.SegmentInfo;
import org.cdphub.api.service.SegmentMember;

@Service
@Command(scope = "cdp", name = "segment-members", description = "Lists members of a segment, most recent entry first")
public class SegmentMembersCommand implements Action {

    @Reference
    SegmentEvaluation segments;

    @Option(name = "-n", aliases = "--limit", description = "How many members to list (default 50)")
    int limit = 50;

    @Argument(index = 0, name = "segment", required = true, description = "Segment name")
    @Completion(SegmentNameCompleter.class)
    String segment;

    @Override
    public Object execute() throws Exception {
        Arguments.atLeastOne("-n", limit);
        Optional<SegmentInfo> info = segments.segments().stream().filter(s -> s.name().equals(segment)).findFirst();
        if (info.isEmpty()) {
            throw new CommandException("no segment named '" + segment + "' (see cdp:segments)");
        }
        ShellTable table = new ShellTable();
        table.column("PROFILE");
        table.column("SINCE");
        for (SegmentMember m : segments.members(segment, limit)) {
            table.addRow().addContent(m.profileId(), m.since().toString());
        }
        table.print(System.out);
        if (info.get().members() > limit) {
            System.out.println(limit + " of " + info.get().members() + " members; -n lists more");
        }
        return null;
    }
}
