package org.cdphub.core.internal.rules;

import java.util.Comparator;
import java.util.List;
import org.cdphub.api.model.Identifier;

/**
 * The order of identifier types from strongest to weakest evidence of identity. When a fragment cannot link all of
 * its identifiers, it gives up the weakest first. Types not listed come after the listed ones, alphabetically.
 */
public final class TypePriority {

    private final List<String> order;

    TypePriority(List<String> order) {
        this.order = List.copyOf(order);
    }

    public List<String> order() {
        return order;
    }

    public int rank(String type) {
        int index = order.indexOf(type);
        return index < 0 ? order.size() : index;
    }

    /** Strongest first: by rank, then type name, then value. */
    public Comparator<Identifier> strongestFirst() {
        return Comparator.comparingInt((Identifier i) -> rank(i.type())).thenComparing(Identifier::type)
                .thenComparing(Identifier::value);
    }
}
