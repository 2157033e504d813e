package org.cdphub.assembly;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A tracking feed whose right grouping is known by construction. A <em>chained</em> person arrives in four identify
 * calls, alternating between node 0 and node 1, none of which holds all of their identifiers:
 * <ol>
 * <li>node 0: anonymousId a1 + email</li>
 * <li>node 1: anonymousId a2 + email + phone</li>
 * <li>node 0: anonymousId a3 + phone</li>
 * <li>node 1: anonymousId a3 + userId</li>
 * </ol>
 * so they become one profile only when the merges of both nodes are combined correctly, whatever order they run in
 * (calls 1 and 3 first make two profiles that call 2 must merge). A <em>single</em> person arrives once, on either node,
 * sharing nothing with anyone.
 */
final class OverlappingPeople {

    /** One identify call: the node it is sent to, its messageId (the fragment's record id) and its JSON body. */
    record Call(int node, String messageId, String person, String json) {
    }

    /** One person: an id for messages and the identifier keys ({@code type:value}) their profile must hold. */
    record Person(String id, Set<String> identifiers) {
    }

    final List<Person> people = new ArrayList<>();
    final List<Call> calls = new ArrayList<>();

    OverlappingPeople(int chained, int singles) {
        for (int i = 1; i <= chained; i++) {
            String p = "p" + i;
            String email = p + "@two-node.example.org";
            String phone = String.format("+3162%07d", i);
            people.add(new Person(p, new LinkedHashSet<>(List.of("email:" + email, "phone:" + phone,
                    "anonymousId:web:" + p + "-a1", "anonymousId:web:" + p + "-a2", "anonymousId:web:" + p + "-a3",
                    "userId:web:" + p + "-u"))));
            call(0, p, 1, "\"anonymousId\":\"" + p + "-a1\",\"traits\":{\"email\":\"" + email + "\"}");
            call(1, p, 2, "\"anonymousId\":\"" + p + "-a2\",\"traits\":{\"email\":\"" + email.toUpperCase()
                    + "\",\"phone\":\"" + phone + "\"}");
            call(0, p, 3, "\"anonymousId\":\"" + p + "-a3\",\"traits\":{\"phone\":\"" + phone + "\"}");
            call(1, p, 4, "\"anonymousId\":\"" + p + "-a3\",\"userId\":\"" + p + "-u\"");
        }
        for (int i = 1; i <= singles; i++) {
            String p = "s" + i;
            String email = p + "@one-node.example.org";
            people.add(new Person(p, new LinkedHashSet<>(List.of("email:" + email, "anonymousId:web:" + p + "-a1"))));
            call(i % 2, p, 1, "\"anonymousId\":\"" + p + "-a1\",\"traits\":{\"email\":\"" + email + "\"}");
        }
    }

    private void call(int node, String person, int n, String fields) {
        String messageId = person + "-m" + n;
        calls.add(new Call(node, messageId, person,
                "{\"type\":\"identify\",\"messageId\":\"" + messageId + "\"," + fields + "}"));
    }

    List<Call> callsTo(int node) {
        return calls.stream().filter(c -> c.node() == node).toList();
    }

    int identifierCount() {
        return people.stream().mapToInt(p -> p.identifiers().size()).sum();
    }
}
