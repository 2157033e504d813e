package org.cdphub.routes.internal.broker;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import org.cdphub.api.model.CdpJson;

/**
 * Asks Artemis about its queues through its management address, with the management messages any JMS client may send
 * (here over AMQP): a request names a resource ({@code broker}, {@code queue.<name>}) and an attribute or an
 * operation, the broker answers on a temporary queue with the value as a JSON array. Reading a count this way neither
 * browses the queue nor creates one that does not exist. The hub's broker user needs the {@code manage} permission on
 * {@value #ADDRESS} (the shipped {@code etc/artemis.xml} gives its {@code admin} role every permission); without it,
 * or with a broker that does not answer such requests, every call here throws {@link Unavailable}, so that callers can
 * fall back to reading the queues. The connection factory must not be a pooled-jms one with anonymous producers:
 * Artemis does not take management messages through the anonymous relay.
 */
final class BrokerManagement {

    /** Artemis' default management address ({@code management-address} in broker.xml). */
    static final String ADDRESS = "activemq.management";
    static final String RESOURCE = "_AMQ_ResourceName";
    static final String ATTRIBUTE = "_AMQ_Attribute";
    static final String OPERATION = "_AMQ_OperationName";
    static final String SUCCEEDED = "_AMQ_OperationSucceeded";
    private static final long ANSWER_TIMEOUT_MS = 5_000;

    private final ConnectionFactory connectionFactory;

    BrokerManagement(ConnectionFactory connectionFactory) {
        this.connectionFactory = connectionFactory;
    }

    /**
     * The management was refused or did not answer: the reason, for the log. {@link #lasting}: refused, or no answer
     * came (worth remembering for a while), rather than a connection that failed.
     */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;
        private final boolean lasting;

        Unavailable(String message, Throwable cause) {
            this(message, cause, true);
        }

        Unavailable(String message, Throwable cause, boolean lasting) {
            super(message, cause);
            this.lasting = lasting;
        }

        boolean lasting() {
            return lasting;
        }
    }

    /**
     * How many messages wait on each of {@code queues} that the broker has (a queue it does not have is left out and
     * not created; one whose count the broker would not give maps to -1), in one conversation.
     *
     * @throws Unavailable when the broker's management is not open to the hub or does not answer
     */
    Map<String, Long> messageCounts(Collection<String> queues) throws Unavailable {
        return converse(ask -> {
            Set<String> existing = new TreeSet<>(names(ask.attribute("broker", "queueNames")));
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String queue : queues) {
                if (existing.contains(queue)) {
                    Optional<JsonNode> count = ask.attributeIfAnswered("queue." + queue, "messageCount");
                    counts.put(queue, count.filter(JsonNode::canConvertToLong).map(JsonNode::asLong).orElse(-1L));
                }
            }
            return counts;
        });
    }

    /** A queue the broker has: the address it is bound to and the messages waiting on it. */
    record QueueInfo(String address, long messageCount) {
    }

    /**
     * The queue {@code queue} as the broker has it, or empty when it has none (nothing is created).
     *
     * @throws Unavailable when the broker's management is not open to the hub or does not answer
     */
    Optional<QueueInfo> queue(String queue) throws Unavailable {
        return converse(ask -> {
            if (!names(ask.attribute("broker", "queueNames")).contains(queue)) {
                return Optional.empty();
            }
            Optional<JsonNode> address = ask.attributeIfAnswered("queue." + queue, "address");
            Optional<JsonNode> count = ask.attributeIfAnswered("queue." + queue, "messageCount");
            if (address.isEmpty() || count.isEmpty()) {
                return Optional.empty(); // gone meanwhile
            }
            return Optional.of(new QueueInfo(address.get().asText(), count.get().asLong()));
        });
    }

    /**
     * Moves every message of {@code queue} back to the address it was dead-lettered from (the operation
     * {@code retryMessages}; over AMQP to every queue of that address): how many, or empty when the broker has no such
     * queue.
     *
     * @throws Unavailable when the broker's management is not open to the hub, does not answer, or refuses
     */
    OptionalLong retryMessages(String queue) throws Unavailable {
        return converse(ask -> {
            if (!names(ask.attribute("broker", "queueNames")).contains(queue)) {
                return OptionalLong.empty();
            }
            JsonNode moved = ask.operation("queue." + queue, "retryMessages");
            return OptionalLong.of(moved == null ? 0 : moved.asLong());
        });
    }

    /**
     * The names of the broker's queues that start with {@code prefix}, sorted.
     *
     * @throws Unavailable when the broker's management is not open to the hub or does not answer
     */
    List<String> queueNames(String prefix) throws Unavailable {
        return converse(ask -> names(ask.attribute("broker", "queueNames")).stream().filter(n -> n.startsWith(prefix))
                .sorted().toList());
    }

    private static List<String> names(JsonNode array) throws Unavailable {
        if (array == null || !array.isArray()) {
            throw new Unavailable("the broker's queue names are not a list: " + array, null);
        }
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    private interface Conversation<T> {
        T run(Asking ask) throws Unavailable, JMSException;
    }

    /**
     * One connection for a few questions. A failure to connect is passing ({@link Unavailable#lasting} false); one
     * once connected is the management's answer (a broker that refuses the hub's user its management fails the send,
     * with a JMSSecurityException or, from Artemis 2.37 over AMQP, a plain JMSException).
     */
    private <T> T converse(Conversation<T> conversation) throws Unavailable {
        Connection connection;
        try {
            connection = connectionFactory.createConnection();
        } catch (JMSException e) {
            throw new Unavailable("cannot connect to the broker: " + e, e, false);
        }
        try (connection; Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            TemporaryQueue replies = session.createTemporaryQueue();
            T result;
            try (MessageProducer requests = session.createProducer(session.createQueue(ADDRESS));
                    MessageConsumer answers = session.createConsumer(replies)) {
                // a request no one answers (a broker whose management address is another) does not stay queued
                requests.setTimeToLive(ANSWER_TIMEOUT_MS);
                result = conversation.run(new Asking(session, requests, answers, replies));
            }
            try {
                replies.delete();
            } catch (JMSException e) { // closing the connection removes it as well
            }
            return result;
        } catch (JMSException e) {
            throw new Unavailable("the broker refused or failed the hub's management request (its user needs the "
                    + "manage permission on " + ADDRESS + "): " + e.getMessage(), e);
        }
    }

    /** Requests and their answers, one at a time, on one session. */
    private record Asking(Session session, MessageProducer requests, MessageConsumer answers, TemporaryQueue replies) {

        /** The attribute's value; the broker's refusal is {@link Unavailable}. */
        JsonNode attribute(String resource, String attribute) throws Unavailable, JMSException {
            return answered(resource, ATTRIBUTE, attribute);
        }

        /** Runs an operation without parameters: its result; the broker's refusal is {@link Unavailable}. */
        JsonNode operation(String resource, String operation) throws Unavailable, JMSException {
            return answered(resource, OPERATION, operation);
        }

        private JsonNode answered(String resource, String kind, String name) throws Unavailable, JMSException {
            Answer answer = ask(resource, kind, name);
            if (!answer.succeeded()) {
                throw new Unavailable("the broker would not answer " + name + " of " + resource + ": "
                        + answer.value(), null);
            }
            return answer.value();
        }

        /** The attribute's value, or empty when the broker answered with a failure. */
        Optional<JsonNode> attributeIfAnswered(String resource, String attribute) throws Unavailable, JMSException {
            Answer answer = ask(resource, ATTRIBUTE, attribute);
            return answer.succeeded() ? Optional.ofNullable(answer.value()) : Optional.empty();
        }

        /** {@code kind}: {@link #ATTRIBUTE} or {@link #OPERATION}; an operation's parameters: none. */
        private Answer ask(String resource, String kind, String name) throws Unavailable, JMSException {
            TextMessage request = session.createTextMessage("[]");
            request.setStringProperty(RESOURCE, resource);
            request.setStringProperty(kind, name);
            request.setJMSReplyTo(replies);
            requests.send(request);
            Message reply = answers.receive(ANSWER_TIMEOUT_MS);
            if (reply == null) {
                throw new Unavailable("no answer from the broker's management within " + ANSWER_TIMEOUT_MS + " ms",
                        null);
            }
            boolean succeeded = reply.propertyExists(SUCCEEDED) && reply.getBooleanProperty(SUCCEEDED);
            String body = Messages.body(reply);
            JsonNode value;
            try {
                JsonNode array = body == null ? null : CdpJson.mapper().readTree(body);
                value = array != null && array.isArray() && !array.isEmpty() ? array.get(0) : array;
            } catch (IOException e) {
                throw new Unavailable("the broker's management answered what is not JSON: " + body, e);
            }
            return new Answer(succeeded, value);
        }
    }

    private record Answer(boolean succeeded, JsonNode value) {
    }
}
