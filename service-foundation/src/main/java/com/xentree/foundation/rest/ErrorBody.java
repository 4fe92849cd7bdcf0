package com.xentree.foundation.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Every error answer: {@code {"detail": "..."}}, with per-item {@code errors} where there are several. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorBody(String detail, List<?> errors) {

    public static ErrorBody of(String detail) {
        return new ErrorBody(detail, null);
    }
}
