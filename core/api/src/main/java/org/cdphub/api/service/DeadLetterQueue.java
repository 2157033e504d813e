package org.cdphub.api.service;

/**
 * A dead-letter queue and how many records wait in it.
 *
 * @param name  the broker queue
 * @param owner {@code core} for the pipeline stages, {@code broker} for a queue into which the broker moved messages
 *              after their delivery attempts, otherwise the connector's id
 * @param count records waiting (exact where the broker counts them; at most {@link DeadLetters#COUNT_LIMIT} where
 *              they are read to count them); -1 when the queue could not be read
 * @param more  whether more than {@code count} wait
 */
public record DeadLetterQueue(String name, String owner, int count, boolean more) {
}
