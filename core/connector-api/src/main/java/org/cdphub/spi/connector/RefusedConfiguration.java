package org.cdphub.spi.connector;

/**
 * A connector configuration that started no connector: the connector's type refused it when the instance was created,
 * it waits for a service, or no installed bundle provides its type.
 *
 * @param id     the configuration's {@code id} setting, or its configuration PID when it has none
 * @param type   the connector type the configuration is for, from its factory PID ({@code crm-csv} for
 *               {@code org.cdphub.connector.crm.csv})
 * @param source where the configuration came from: its file under {@code etc/}, or its PID when not from a file
 * @param reason why it started nothing: as the connector said it (it names the setting), the services it waits for,
 *               or that its type is not installed
 */
public record RefusedConfiguration(String id, String type, String source, String reason) {
}
