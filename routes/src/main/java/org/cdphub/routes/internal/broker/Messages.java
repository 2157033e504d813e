package org.cdphub.routes.internal.broker;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import org.cdphub.routes.internal.Received;

/** Reads a JMS message as the hub's stages see it ({@link Received}). */
final class Messages {

    private Messages() {
    }

    static Received received(Message message) throws JMSException {
        return new Received(body(message), headers(message));
    }

    /** The body as text: a text or bytes message (UTF-8); null for any other kind, which stages refuse. */
    static String body(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return text.getText();
        }
        if (message instanceof BytesMessage bytes) {
            byte[] data = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(data);
            return new String(data, StandardCharsets.UTF_8);
        }
        try {
            return message.getBody(String.class);
        } catch (MessageFormatException e) {
            return null;
        }
    }

    static Map<String, Object> headers(Message message) throws JMSException {
        Map<String, Object> headers = new HashMap<>();
        for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements(); ) {
            String name = (String) names.nextElement();
            Object value = message.getObjectProperty(name);
            if (value != null) {
                headers.put(name, value);
            }
        }
        return headers;
    }
}
