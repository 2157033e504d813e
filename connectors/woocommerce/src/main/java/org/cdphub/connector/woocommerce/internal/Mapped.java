package org.cdphub.connector.woocommerce.internal;

import org.cdphub.api.model.Fragment;

/** What one WooCommerce object became: a fragment, or the reason it cannot be taken. Never null. */
sealed interface Mapped {

    record Accepted(Fragment fragment) implements Mapped {
    }

    record Refused(String reason) implements Mapped {
    }
}
