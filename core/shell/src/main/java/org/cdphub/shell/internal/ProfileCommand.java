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
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.Profile;
import org.cdphub.api.service.ProfileQueries;

@Service
@Command(scope = "cdp", name = "profile", description = "Shows the unified profile that holds an identifier")
public class ProfileCommand implements Action {

    @Argument(index = 0, name = "identifier", required = true,
            description = "type:value, for example email:ann@example.com or phone:+31612345678")
    @Completion(IdentifierTypeCompleter.class)
    String identifier;

    @Option(name = "--json", description = "Print the profile as JSON")
    boolean json;

    @Reference
    ProfileQueries profiles;

    @Override
    public Object execute() throws Exception {
        Identifier id = Arguments.identifier(identifier);
        Optional<Profile> profile = profiles.findByIdentifier(id);
        if (profile.isEmpty()) {
            // an error, so that a script sees it in bin/client's exit status
            throw new CommandException("no profile holds " + id.key());
        }
        System.out.print(json ? CdpJson.writePretty(profile.get()) + "\n" : ProfileFormatter.format(profile.get()));
        return null;
    }
}
