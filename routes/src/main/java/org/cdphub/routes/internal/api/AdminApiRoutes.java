package org.cdphub.routes.internal.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.service.SegmentEvaluation;
import org.cdphub.api.service.SegmentPreview;
import org.cdphub.spi.connector.RouteIds;

/**
 * The admin REST API: {@code GET /api/segments} (segments with members and last change, and definition files that do
 * not load), {@code GET /api/segments/{name}/members?limit=50}, and {@code POST /api/segments/preview?sample=10} with
 * a definition (YAML, or JSON with {@code Content-Type: application/json}) as the body. Every request needs
 * {@code Authorization: Bearer <token>}; without it the answer is 401 and nothing runs. Answers are JSON.
 */
final class AdminApiRoutes extends RouteBuilder {

    static final String PREFIX = "/api";
    private static final int MAX_LIMIT = 10_000;

    private final byte[] token;
    private final SegmentEvaluation segments;

    AdminApiRoutes(String token, SegmentEvaluation segments) {
        this.token = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.segments = segments;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(e -> {
            Exception cause = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            answer(e, cause instanceof IllegalArgumentException ? 400 : 500,
                    Map.of("error", String.valueOf(cause.getMessage())));
        });

        from("platform-http:" + PREFIX + "/segments?httpMethodRestrict=GET").routeId(RouteIds.core("api", "segments"))
                .filter(this::authorized)
                .process(e -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("segments", segments.segments());
                    body.put("problems", segments.problems());
                    answer(e, 200, body);
                });

        from("platform-http:" + PREFIX + "/segments/{name}/members?httpMethodRestrict=GET")
                .routeId(RouteIds.core("api", "segment-members"))
                .filter(this::authorized)
                .process(e -> {
                    String name = e.getMessage().getHeader("name", String.class);
                    if (segments.segments().stream().noneMatch(s -> s.name().equals(name))) {
                        answer(e, 404, Map.of("error", "no segment named '" + name + "'"));
                        return;
                    }
                    answer(e, 200, segments.members(name, number(e, "limit", 50)));
                });

        from("platform-http:" + PREFIX + "/segments/preview?httpMethodRestrict=POST")
                .routeId(RouteIds.core("api", "segment-preview"))
                .filter(this::authorized)
                .process(e -> {
                    if (e.getMessage().getBody() instanceof Map) { // what the HTTP layer makes of a form post
                        answer(e, 415, Map.of("error", "the definition was sent as a form (Content-Type:"
                                + " application/x-www-form-urlencoded, curl's default for --data-binary); send it"
                                + " with Content-Type: application/yaml or application/json"));
                        return;
                    }
                    String type = e.getMessage().getHeader(Exchange.CONTENT_TYPE, "", String.class);
                    String file = type.contains("json") ? "preview.json" : "preview.yaml";
                    String text = e.getMessage().getBody(String.class);
                    SegmentPreview preview = segments.preview(file, text == null ? "" : text, number(e, "sample", 10));
                    answer(e, 200, preview);
                });
    }

    /** Lets the request through when it carries the token; answers 401 otherwise. Constant-time comparison. */
    private boolean authorized(Exchange e) {
        String header = e.getMessage().getHeader("Authorization", String.class);
        boolean ok = header != null && MessageDigest.isEqual(token, header.getBytes(StandardCharsets.UTF_8));
        if (!ok) {
            e.getMessage().removeHeaders("*");
            e.getMessage().setHeader("WWW-Authenticate", "Bearer");
            answer(e, 401, Map.of("error", "missing or wrong bearer token"));
        }
        return ok;
    }

    private static int number(Exchange e, String parameter, int fallback) {
        String value = e.getMessage().getHeader(parameter, String.class);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 0 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw new IllegalArgumentException(parameter + ": expected a number from 0 to " + MAX_LIMIT + ", got '" + value
                + "'");
    }

    private static void answer(Exchange e, int status, Object body) {
        String www = e.getMessage().getHeader("WWW-Authenticate", String.class);
        e.getMessage().removeHeaders("*");
        if (www != null) {
            e.getMessage().setHeader("WWW-Authenticate", www);
        }
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        e.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        e.getMessage().setBody(CdpJson.write(body));
    }
}
