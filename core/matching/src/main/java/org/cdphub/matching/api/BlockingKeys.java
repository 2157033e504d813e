package org.cdphub.matching.api;

import java.util.LinkedHashSet;
import java.util.Set;
import org.cdphub.matching.internal.block.BlockingRule;
import org.cdphub.matching.internal.block.Phonetics;
import org.cdphub.matching.internal.compare.Prepared;

/**
 * The blocking keys of a person record, formed by the same rules as the bulk resolver's (phonetic surname + birth
 * year, phonetic given name + birth date, postcode + initial, both phonetic names in either order, street + number,
 * birth date + postcode, phonetic surname + postcode, national id), so that the streaming engine compares the same
 * candidate pairs as the bulk mode. Each key is prefixed with its rule. Exact e-mail and phone keys are left out: the
 * streaming engine links those as identifiers.
 */
public final class BlockingKeys {

    /** Longest key returned; longer ones (odd addresses) are cut. */
    public static final int MAX_LENGTH = 200;

    private BlockingKeys() {
    }

    public static Set<String> of(PersonRecord record) {
        Prepared prepared = Prepared.of(record);
        Phonetics phonetics = new Phonetics(); // per call: no cache that grows with the life of the engine
        Set<String> keys = new LinkedHashSet<>();
        for (BlockingRule rule : BlockingRule.values()) {
            if (rule == BlockingRule.EMAIL || rule == BlockingRule.PHONE) {
                continue;
            }
            String key = rule.keyOf(prepared, phonetics);
            if (key != null && !key.isBlank()) {
                String full = rule.name() + ":" + key;
                keys.add(full.length() > MAX_LENGTH ? full.substring(0, MAX_LENGTH) : full);
            }
        }
        return keys;
    }
}
