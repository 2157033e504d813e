package org.cdphub.connector.woocommerce.internal;

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
 * The categories of products, for order categories: WooCommerce's order line items name the product
 * ({@code product_id}) but not its categories. Looked up with the REST API, 100 products per request
 * ({@code wp-json/wc/v3/products?include=…&_fields=id,categories}), cached by {@link CachedLookup}.
 */
final class ProductCategories {

    static final int PER_REQUEST = 100;
    static final int CACHE_SIZE = 10_000;

    private final RetryingHttp http;
    private final String productsUrl;
    private final CachedLookup<List<String>> lookup = new CachedLookup<>(PER_REQUEST, CACHE_SIZE, List.of(),
            this::fetch);

    ProductCategories(RetryingHttp http, URI siteUrl) {
        this.http = http;
        this.productsUrl = siteUrl + "/wp-json/wc/v3/products?_fields=id,categories&per_page=" + PER_REQUEST
                + "&include=";
    }

    /** Product id to its category names, for those of {@code productIds} that have any. */
    Map<String, List<String>> of(Collection<String> productIds) throws RetryingHttp.FailedRequest,
            InterruptedException {
        return lookup.of(productIds);
    }

    private Map<String, List<String>> fetch(List<String> ids) throws RetryingHttp.FailedRequest,
            InterruptedException {
        String body = http.get(URI.create(productsUrl + String.join(",", ids))).body();
        Map<String, List<String>> found = new LinkedHashMap<>();
        try {
            for (JsonNode product : CdpJson.mapper().readTree(body)) {
                String id = Json.text(product, "id");
                if (id != null) {
                    List<String> names = new ArrayList<>();
                    for (JsonNode category : product.path("categories")) {
                        String name = Json.text(category, "name");
                        if (name != null && !name.isBlank()) {
                            names.add(name.strip());
                        }
                    }
                    found.put(id, List.copyOf(names));
                }
            }
        } catch (IOException e) {
            throw new RetryingHttp.FailedRequest("products: the answer is not JSON");
        }
        return found;
    }

    /** The product ids of an order's line items that carry no categories themselves. */
    static List<String> missing(JsonNode order) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : order.path("line_items")) {
            String productId = Json.text(item, "product_id");
            if (item.path("categories").isEmpty() && productId != null && !"0".equals(productId)
                    && !ids.contains(productId)) {
                ids.add(productId);
            }
        }
        return ids;
    }
}
