package org.cdphub.connector.shopify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cdphub.api.model.CdpJson;
import org.cdphub.spi.connector.support.http.CachedLookup;
import org.cdphub.spi.connector.support.http.RetryingHttp;

/**
 * The {@code product_type} of products, for order categories: Shopify's order line items name the product
 * ({@code product_id}) but not its type. Looked up with the Admin REST API, 250 products per request
 * ({@code products.json?ids=…&fields=id,product_type}), cached by {@link CachedLookup}.
 */
final class ProductTypes {

    static final int PER_REQUEST = 250;
    static final int CACHE_SIZE = 10_000;

    private final RetryingHttp http;
    private final String productsUrl;
    private final CachedLookup<String> lookup = new CachedLookup<>(PER_REQUEST, CACHE_SIZE, "", this::fetch);

    ProductTypes(RetryingHttp http, URI apiBase, String apiVersion) {
        this.http = http;
        this.productsUrl = apiBase + "/admin/api/" + apiVersion + "/products.json?fields=id,product_type&limit="
                + PER_REQUEST + "&ids=";
    }

    /** Product id to product type, for those of {@code productIds} that have a type. */
    Map<String, String> of(Collection<String> productIds) throws RetryingHttp.FailedRequest, InterruptedException {
        return lookup.of(productIds);
    }

    private Map<String, String> fetch(List<String> ids) throws RetryingHttp.FailedRequest, InterruptedException {
        String body = http.get(URI.create(productsUrl + String.join(",", ids))).body();
        Map<String, String> found = new LinkedHashMap<>();
        try {
            for (JsonNode product : CdpJson.mapper().readTree(body).path("products")) {
                String id = Json.text(product, "id");
                if (id != null) {
                    String type = Json.text(product, "product_type");
                    found.put(id, type == null ? "" : type);
                }
            }
        } catch (IOException e) {
            throw new RetryingHttp.FailedRequest("products.json: the answer is not JSON");
        }
        return found;
    }

    /** The product ids of an order's line items that do not carry {@code field} themselves. */
    static List<String> missing(JsonNode order, String field) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : order.path("line_items")) {
            String productId = Json.text(item, "product_id");
            if (Json.text(item, field) == null && productId != null && !ids.contains(productId)) {
                ids.add(productId);
            }
        }
        return ids;
    }
}
