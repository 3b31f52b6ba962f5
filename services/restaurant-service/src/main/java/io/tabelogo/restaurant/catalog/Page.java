package io.tabelogo.restaurant.catalog;

import java.util.List;
import java.util.function.Function;

/** One page of a listing: its items, which page, how big, and how many items there are in all. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public <R> Page<R> map(Function<T, R> conversion) {
        return new Page<>(items.stream().map(conversion).toList(), page, size, total);
    }
}
