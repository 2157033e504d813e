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
import org.cdphub.spi.connector.support.http.RetryingHttp;

/**
 * The categories of products, for order categories: WooCommerce's order line items name the product
 * ({@code product_id}) but not its categories. Looked up with the REST API, 100 products per request
 * ({@code wp-json/wc/v3/products?include=…&_fields=id,categories}), and kept in a bounded cache (least recently used
 * out), so an order costs at most one request and usually none. A product that no longer exists has no categories.
 */
final class ProductCategories {

    static final int PER_REQUEST = 100;
    static final int CACHE_SIZE = 10_000;

    private final RetryingHttp http;
    private final String productsUrl;
    private final Map<String, List<String>> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    ProductCategories(RetryingHttp http, URI siteUrl) {
        this.http = http;
        this.productsUrl = siteUrl + "/wp-json/wc/v3/products?_fields=id,categories&per_page=" + PER_REQUEST
                + "&include=";
    }

    /** Product id to its category names, for those of {@code productIds} that have any. */
    Map<String, List<String>> of(Collection<String> productIds) throws RetryingHttp.FailedRequest,
            InterruptedException {
        List<String> missing = new ArrayList<>();
        Map<String, List<String>> categories = new LinkedHashMap<>();
        synchronized (cache) {
            for (String id : productIds) {
                List<String> known = cache.get(id);
                if (known == null) {
                    missing.add(id);
                } else if (!known.isEmpty()) {
                    categories.put(id, known);
                }
            }
        }
        for (int from = 0; from < missing.size(); from += PER_REQUEST) {
            List<String> chunk = missing.subList(from, Math.min(missing.size(), from + PER_REQUEST));
            Map<String, List<String>> found = fetch(chunk);
            synchronized (cache) {
                chunk.forEach(id -> cache.put(id, found.getOrDefault(id, List.of())));
            }
            found.forEach((id, names) -> {
                if (!names.isEmpty()) {
                    categories.put(id, names);
                }
            });
        }
        return categories;
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
