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
import org.cdphub.api.service.IdentityExplain;
import org.cdphub.api.service.ProfileExplanation;

@Service
@Command(scope = "cdp", name = "profile-explain",
        description = "Explains the profile that holds an identifier: fragments, the rule behind each link, "
                + "identifiers that link nothing and why, and how each trait value was chosen")
public class ProfileExplainCommand implements Action {

    @Argument(index = 0, name = "identifier", required = true,
            description = "type:value, for example email:ann@example.com or phone:+31612345678")
    @Completion(IdentifierTypeCompleter.class)
    String identifier;

    @Option(name = "--json", description = "Print the explanation as JSON")
    boolean json;

    @Reference
    IdentityExplain explain;

    @Override
    public Object execute() throws Exception {
        Identifier id = Arguments.identifier(identifier);
        Optional<ProfileExplanation> explanation = explain.explain(id);
        if (explanation.isPresent()) {
            System.out.print(json ? CdpJson.writePretty(explanation.get()) + "\n"
                    : ExplanationFormatter.format(explanation.get()));
            return null;
        }
        Optional<String> blocked = explain.blockedReason(id);
        if (blocked.isEmpty()) {
            throw new CommandException("no profile holds " + id.key());
        }
        System.out.println(id.key() + " is blocked and links nothing: " + blocked.get()); // an answer: why none
        return null;
    }
}
