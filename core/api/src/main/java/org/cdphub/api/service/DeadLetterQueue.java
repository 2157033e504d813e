package org.cdphub.api.service;

/**
 * A dead-letter queue and how many records wait in it.
 *
 * @param name  the broker queue
 * @param owner {@code core} for the pipeline stages, otherwise the connector's id
 * @param count records waiting, at most {@link DeadLetters#COUNT_LIMIT}; -1 when the queue could not be read
 * @param more  whether more than {@code count} wait
 */
public record DeadLetterQueue(String name, String owner, int count, boolean more) {
}
