package org.cdphub.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.table.ShellTable;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.service.DeadLetterQueue;
import org.cdphub.api.service.DeadLetters;

@Service
@Command(scope = "cdp", name = "dead-letters", description = "Lists the dead-letter queues, or the records waiting in"
        + " one of them with why they were refused (nothing is taken off the queue); --retry moves the broker's dead"
        + " letters back to where they came from")
public class DeadLettersCommand implements Action {

    /** The most records one listing shows, whatever {@code -n} asks. */
    static final int MAX_SHOWN = 100_000;

    @Reference
    DeadLetters deadLetters;

    @Option(name = "-n", aliases = "--limit", description = "How many records to list, oldest first (default 20)")
    int limit = 20;

    @Option(name = "-v", aliases = "--verbose", description = "Also print each record as it was received")
    boolean verbose;

    @Option(name = "--retry", description = "Move every message of the broker's dead-letter queue given (DLQ.<address>)"
            + " back to its address, to be taken again, once what made it fail is fixed (not the membership topic's)")
    boolean retry;

    @Argument(index = 0, name = "queue", description = "core, a connector id, or a queue name; none lists the queues")
    @Completion(DeadLetterQueueCompleter.class)
    String queue;

    @Override
    public Object execute() throws Exception {
        if (retry) {
            if (queue == null) {
                throw new CommandException("--retry needs a queue: one of the broker's DLQ.<address> queues that"
                        + " cdp:dead-letters lists");
            }
            try {
                long moved = deadLetters.retry(queue);
                System.out.println("moved " + moved + " message" + (moved == 1 ? "" : "s") + " of " + queue
                        + " back to be taken again");
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new CommandException(e.getMessage());
            }
            return null;
        }
        if (queue == null) {
            ShellTable table = new ShellTable();
            table.column("QUEUE");
            table.column("OF");
            table.column("RECORDS").alignRight();
            List<DeadLetterQueue> queues;
            try {
                queues = deadLetters.queues();
            } catch (IllegalStateException e) {
                throw new CommandException(e.getMessage());
            }
            for (DeadLetterQueue q : queues) {
                table.addRow().addContent(q.name(), q.owner(),
                        q.count() < 0 ? "? (see the log)" : q.count() + (q.more() ? "+" : ""));
            }
            table.print(System.out);
            return null;
        }
        int shown = Math.min(Arguments.atLeastOne("-n", limit), MAX_SHOWN);
        List<DeadLetter> letters;
        try {
            letters = deadLetters.read(queue, shown + 1); // one more: are there more?
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CommandException(e.getMessage());
        }
        boolean more = letters.size() > shown;
        letters = more ? letters.subList(0, shown) : letters;
        ShellTable table = new ShellTable();
        table.column("AT");
        table.column("STAGE");
        table.column("WHERE");
        table.column("REASON").maxSize(100).wrap();
        for (DeadLetter d : letters) {
            table.addRow().addContent(text(d.at()), text(d.stage()), where(d), text(d.reason()));
        }
        table.print(System.out);
        if (verbose) {
            for (DeadLetter d : letters) {
                System.out.println(where(d) + ": " + text(d.raw()));
            }
        }
        if (more) {
            System.out.println("the first " + shown + "; -n lists more");
        }
        return null;
    }

    private static String where(DeadLetter d) {
        return d.location() == null ? text(d.source()) : d.source() == null ? d.location()
                : d.source() + " " + d.location();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}
