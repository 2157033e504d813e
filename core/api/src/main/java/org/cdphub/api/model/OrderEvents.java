package org.cdphub.api.model;

/**
 * How commerce connectors describe an order as an {@link Event}, so that the hub can compute order traits from any
 * shop: the event type is {@link #TYPE}, {@code sourceEventId} is the shop's order id (a later version of the same
 * order replaces the earlier one), {@code occurredAt} is when the order was placed, and the properties below.
 */
public final class OrderEvents {

    /** Event type of an order. */
    public static final String TYPE = "order";
    /** Order total as a decimal number (a JSON number or a string such as {@code "129.90"}). */
    public static final String TOTAL = "total";
    /** ISO 4217 currency code of {@link #TOTAL}, for example {@code EUR}. */
    public static final String CURRENCY = "currency";
    /** Product categories in the order, a list of strings. */
    public static final String CATEGORIES = "categories";
    /** Products in the order, a list of objects with at least {@code sku}, {@code name}, {@code quantity}, {@code price}. */
    public static final String PRODUCTS = "products";
    /** {@code true} for a cancelled or fully refunded order, which does not count towards the order traits. */
    public static final String CANCELLED = "cancelled";

    /** Computed traits: number of orders (not cancelled). */
    public static final String TRAIT_ORDER_COUNT = "orderCount";
    /** Computed traits: total spend in {@link #TRAIT_SPEND_CURRENCY}. */
    public static final String TRAIT_TOTAL_SPEND = "totalSpend";
    /** Computed traits: average order value in {@link #TRAIT_SPEND_CURRENCY}. */
    public static final String TRAIT_AVERAGE_ORDER_VALUE = "averageOrderValue";
    /** Computed traits: the currency of the spend traits, the one most of the person's orders were placed in. */
    public static final String TRAIT_SPEND_CURRENCY = "spendCurrency";
    /** Computed traits: first and last order time (ISO-8601 instants). */
    public static final String TRAIT_FIRST_ORDER_AT = "firstOrderAt";
    public static final String TRAIT_LAST_ORDER_AT = "lastOrderAt";
    /** Computed traits: sorted list of the product categories bought. */
    public static final String TRAIT_CATEGORIES_BOUGHT = "categoriesBought";

    private OrderEvents() {
    }
}
