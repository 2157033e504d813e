package org.cdphub.routes.internal.broker;

import java.util.List;
import org.cdphub.routes.internal.Received;

/** Reads what waits on a queue without taking it off (a JMS queue browser): for the console, not for stages. */
public interface QueueReader {

    /** Up to {@code max} messages of the anycast queue {@code queue}, oldest first. */
    List<Received> peek(String queue, int max);

    /** How many messages wait on {@code queue}, counted up to {@code max}. */
    int count(String queue, int max);
}
