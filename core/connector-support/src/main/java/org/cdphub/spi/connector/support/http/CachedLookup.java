package org.cdphub.spi.connector.support.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looks values up by id from a source API, a chunk of ids per request, and keeps them in a bounded cache (least
 * recently used out), so that enriching a record costs at most a few requests and usually none. Ids the source does
 * not answer for are remembered as {@code none} and left out of results. Thread-safe.
 *
 * @param <V> the looked-up value
 */
public final class CachedLookup<V> {

    /** One request for a chunk of ids; ids missing from the answer have no value. */
    @FunctionalInterface
    public interface Fetch<V> {
        Map<String, V> fetch(List<String> ids) throws RetryingHttp.FailedRequest, InterruptedException;
    }

    private final int perRequest;
    private final V none;
    private final Fetch<V> fetch;
    private final Map<String, V> cache;

    public CachedLookup(int perRequest, int cacheSize, V none, Fetch<V> fetch) {
        if (perRequest < 1 || cacheSize < 1) {
            throw new IllegalArgumentException("perRequest and cacheSize must be at least 1");
        }
        this.perRequest = perRequest;
        this.none = none;
        this.fetch = fetch;
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > cacheSize;
            }
        };
    }

    /** Id to value, for those of {@code ids} that have a value other than {@code none}. */
    public Map<String, V> of(Collection<String> ids) throws RetryingHttp.FailedRequest, InterruptedException {
        List<String> missing = new ArrayList<>();
        Map<String, V> values = new LinkedHashMap<>();
        synchronized (cache) {
            for (String id : ids) {
                V known = cache.get(id);
                if (known == null) {
                    missing.add(id);
                } else if (!known.equals(none)) {
                    values.put(id, known);
                }
            }
        }
        for (int from = 0; from < missing.size(); from += perRequest) {
            List<String> chunk = missing.subList(from, Math.min(missing.size(), from + perRequest));
            Map<String, V> found = fetch.fetch(chunk);
            synchronized (cache) {
                chunk.forEach(id -> cache.put(id, found.getOrDefault(id, none)));
            }
            found.forEach((id, value) -> {
                if (!value.equals(none)) {
                    values.put(id, value);
                }
            });
        }
        return values;
    }
}
