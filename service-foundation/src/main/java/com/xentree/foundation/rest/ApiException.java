package com.xentree.foundation.rest;

import java.util.List;

/** A request the service refuses, with the status and the {@code detail} the caller sees. */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<?> errors;

    public ApiException(int status, String detail) {
        this(status, detail, null);
    }

    public ApiException(int status, String detail, List<?> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = errors;
    }

    public int status() {
        return status;
    }

    public List<?> errors() {
        return errors;
    }
}
