package com.xentree.foundation.rest;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Names the query, path or header parameter whose value cannot be converted to its declared type.
 * JAX-RS answers such a request 404 (query, path) or 400 without saying which value was wrong; the
 * error mapper makes it a 400 whose detail says which parameter and what it must be.
 */
final class UnconvertibleParameters {

    private record Source(String kind, String name, String value) {
    }

    private UnconvertibleParameters() {
    }

    static Optional<String> describe(Method method, UriInfo uri, HttpHeaders headers) {
        Class<?>[] types = method.getParameterTypes();
        Annotation[][] annotations = method.getParameterAnnotations();
        for (int i = 0; i < types.length; i++) {
            Optional<Source> source = source(annotations[i], uri, headers);
            if (source.isEmpty() || source.get().value() == null) {
                continue;
            }
            Optional<String> expected = problem(types[i], source.get().value());
            if (expected.isPresent()) {
                Source s = source.get();
                return Optional.of(QueryValues.invalid(s.kind(), s.name(), s.value(), expected.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Source> source(Annotation[] annotations, UriInfo uri, HttpHeaders headers) {
        for (Annotation a : annotations) {
            if (a instanceof QueryParam q) {
                return Optional.of(new Source("query", q.value(), uri.getQueryParameters().getFirst(q.value())));
            }
            if (a instanceof PathParam p) {
                return Optional.of(new Source("path", p.value(), uri.getPathParameters().getFirst(p.value())));
            }
            if (a instanceof HeaderParam h) {
                return Optional.of(new Source("header", h.value(), headers.getHeaderString(h.value())));
            }
        }
        return Optional.empty();
    }

    /** What the value must be, when it cannot be converted to {@code type}. */
    private static Optional<String> problem(Class<?> type, String value) {
        if (type == int.class || type == Integer.class) {
            return fails(value, Integer::valueOf, "a whole number between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE);
        }
        if (type == long.class || type == Long.class) {
            return fails(value, Long::valueOf, "a whole number between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
        }
        if (type == double.class || type == Double.class) {
            return fails(value, Double::valueOf, "a number");
        }
        if (type == UUID.class) {
            return fails(value, UUID::fromString, "a UUID");
        }
        if (type == LocalDate.class) {
            return fails(value, LocalDate::parse, "a date as YYYY-MM-DD");
        }
        if (type == Instant.class) {
            return fails(value, Instant::parse, "an instant as YYYY-MM-DDThh:mm:ssZ");
        }
        if (type.isEnum()) {
            return enumProblem(type, value);
        }
        return Optional.empty();
    }

    private static Optional<String> enumProblem(Class<?> type, String value) {
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equalsIgnoreCase(value)) {
                return Optional.empty();
            }
        }
        StringBuilder names = new StringBuilder();
        for (Object constant : type.getEnumConstants()) {
            names.append(names.isEmpty() ? "" : ", ").append(((Enum<?>) constant).name().toLowerCase(java.util.Locale.ROOT));
        }
        return Optional.of("one of " + names);
    }

    private static Optional<String> fails(String value, Function<String, ?> parse, String expected) {
        try {
            parse.apply(value.strip());
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(expected);
        }
    }
}
