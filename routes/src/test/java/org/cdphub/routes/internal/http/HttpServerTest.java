package org.cdphub.routes.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared HTTP server: what a request gets that fails before a route takes it. */
class HttpServerTest {

    private static final long LIMIT = 2048;

    private HttpServer server;
    private CamelContext connector;
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        server = new HttpServer(new HttpConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HttpConfig.class;
            }

            @Override
            public String host() {
                return "127.0.0.1";
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public long max_body_bytes() {
                return LIMIT;
            }
        });
        connector = new DefaultCamelContext();
        server.share(connector);
        connector.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/echo?httpMethodRestrict=POST").process(e -> e.getMessage()
                        .setBody(String.valueOf(e.getMessage().getBody(byte[].class).length)));
            }
        });
        connector.start();
    }

    @AfterEach
    void stop() {
        connector.stop();
        server.stop();
    }

    @Test
    void aBodyOverTheLimitGets413WithAMessageAndOneUnderItIsServed() throws Exception {
        HttpResponse<String> tooBig = post("x".repeat((int) LIMIT + 1));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(tooBig.body()).isEqualTo("{\"error\":\"request body over max.body.bytes (2048 bytes)\"}");
        HttpResponse<String> ok = post("x".repeat((int) LIMIT));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo(String.valueOf(LIMIT));
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
