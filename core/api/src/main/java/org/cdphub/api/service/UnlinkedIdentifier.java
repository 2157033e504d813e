package org.cdphub.api.service;

import java.util.Objects;
import org.cdphub.api.model.Identifier;

/**
 * An identifier a fragment carries but that links nothing: it stays in the stored fragment (and is shown by
 * {@link IdentityExplain}), but it joins no fragments and no profile can be found by it through this fragment.
 *
 * @param source         the fragment's source
 * @param sourceRecordId the fragment's record id
 * @param identifier     the identifier, normalised when it could be (a blocked placeholder may not be valid)
 * @param kind           why it links nothing
 * @param reason         the rule that applied, in words an operator can act on
 */
public record UnlinkedIdentifier(String source, String sourceRecordId, Identifier identifier, Kind kind,
        String reason) {

    public enum Kind {
        /** The value is a placeholder on the blocked list ({@code null}, {@code -1}, {@code test@test.com}, ...). */
        BLOCKED,
        /**
         * Linking it would have joined profiles beyond a per-type limit (for example two crmIds of one CRM); the
         * fragment gave up its lowest-priority identifier instead of merging two people.
         */
        DROPPED,
        /**
         * The value is not valid for its type (an e-mail without a domain, a phone number with too few digits): the
         * rest of the fragment was merged, this identifier links nothing.
         */
        INVALID
    }

    public UnlinkedIdentifier {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(kind, "kind");
    }

    /** {@code source/sourceRecordId} of the fragment. */
    public String fragmentKey() {
        return source + "/" + sourceRecordId;
    }
}
