package org.cdphub.shell.internal;

import java.util.List;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.cdphub.api.model.IdentifierTypes;

/** Completes the identifier type part of {@code type:value}. */
@Service
public class IdentifierTypeCompleter implements Completer {

    private final StringsCompleter types = new StringsCompleter(List.of(IdentifierTypes.EMAIL + ":",
            IdentifierTypes.PHONE + ":", IdentifierTypes.CRM_ID + ":", IdentifierTypes.CUSTOMER_ID + ":",
            IdentifierTypes.COOKIE_ID + ":", IdentifierTypes.DEVICE_ID + ":", IdentifierTypes.HASHED_EMAIL + ":"));

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        return types.complete(session, commandLine, candidates);
    }
}
