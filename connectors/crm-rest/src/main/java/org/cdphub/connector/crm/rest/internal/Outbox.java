package org.cdphub.connector.crm.rest.internal;

import java.util.List;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;

/**
 * Where a poll delivers what it read. Every method returns once the hub holds the data (it throws otherwise), so a
 * checkpoint saved afterwards never skips anything.
 */
interface Outbox {

    void fragments(List<Fragment> fragments);

    void removals(List<String> sourceRecordIds);

    void deadLetter(DeadLetter deadLetter);
}
