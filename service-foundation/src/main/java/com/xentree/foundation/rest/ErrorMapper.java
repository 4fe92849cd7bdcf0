package com.xentree.foundation.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.xentree.foundation.security.ApiKeysLoadingException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place that turns failures into {@code {"detail": ...}} answers; never a stack trace. */
public class ErrorMapper {

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return json(e.status(), new ErrorBody(e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e) {
        if (e.getCause() instanceof ApiKeysLoadingException) {
            return Response.status(503).header(HttpHeaders.RETRY_AFTER, "1").type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(ErrorBody.of("Starting up: API keys are still loading, retry shortly")).build();
        }
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBody.of("Not authenticated: a valid bearer token or X-API-Key is required")).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, ErrorBody.of("Not allowed to do this"));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<String> problems = e.getConstraintViolations().stream()
                .map(v -> wirePath(v.getPropertyPath()) + ": " + v.getMessage()).sorted().collect(Collectors.toList());
        return json(422, new ErrorBody("Invalid request: " + String.join("; ", problems), problems));
    }

    /** Declared apart so it wins over Quarkus' built-in mapper for this more specific type. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String detail;
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "Unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f) {
            detail = "Invalid value for '" + path(f) + "': " + f.getValue();
        } else if (e instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            detail = "Wrong type for '" + path(m) + "'";
        } else {
            detail = "Malformed JSON body";
        }
        return json(400, ErrorBody.of(detail));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, ResourceInfo resource, UriInfo uri, HttpHeaders headers) {
        if (e.getCause() instanceof JsonProcessingException unreadableBody) {
            return unreadable(unreadableBody);
        }
        Optional<String> unconvertible = unconvertibleParameter(e, resource, uri, headers);
        if (unconvertible.isPresent()) {
            return json(400, ErrorBody.of(unconvertible.get()));
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
            return json(status, ErrorBody.of("Internal server error"));
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        String detail = switch (status) {
            case 400 -> "Bad request";
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable";
            case 415 -> "Unsupported media type: send application/json";
            default -> type.getReasonPhrase();
        };
        return json(status, ErrorBody.of(detail));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("unexpected failure", e);
        return json(500, ErrorBody.of("Internal server error"));
    }

    /**
     * A parameter that could not be converted is the caller's mistake, not a missing resource: JAX-RS
     * signals it as a 404 (query, path) or 400 (header) caused by the conversion failure.
     */
    private static Optional<String> unconvertibleParameter(WebApplicationException e, ResourceInfo resource, UriInfo uri,
            HttpHeaders headers) {
        boolean conversion = (e instanceof NotFoundException || e instanceof BadRequestException) && e.getCause() != null;
        Method method = conversion ? resource.getResourceMethod() : null;
        if (method == null) {
            return Optional.empty();
        }
        Optional<String> named;
        try {
            named = UnconvertibleParameters.describe(method, uri, headers);
        } catch (RuntimeException reflectionUnavailable) {
            // a native image without the method's parameter metadata: still a 400, without the name
            named = Optional.empty();
        }
        return named.or(() -> Optional.of("Invalid parameter value: " + firstLine(e.getCause().getMessage())));
    }

    private static String firstLine(String message) {
        return message == null ? "cannot be converted" : message.lines().findFirst().orElse("cannot be converted");
    }

    private static Response json(int status, ErrorBody body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /**
     * The field as the caller wrote it: snake_case JSON names, without the Java method and body
     * parameter names ("upsert.request.userId" -> "user_id", "history.size" -> "size").
     */
    private static String wirePath(Path path) {
        List<Path.Node> nodes = new ArrayList<>();
        path.forEach(nodes::add);
        StringBuilder wire = new StringBuilder();
        for (int i = 0; i < nodes.size(); i++) {
            Path.Node n = nodes.get(i);
            boolean named = switch (n.getKind()) {
                case METHOD, RETURN_VALUE, CROSS_PARAMETER -> false;
                case PARAMETER -> i == nodes.size() - 1; // a query or path parameter, not a body
                default -> n.getName() != null;
            };
            if (n.isInIterable() && n.getIndex() != null) {
                wire.append('[').append(n.getIndex()).append(']');
            }
            if (named) {
                wire.append(wire.isEmpty() ? "" : ".").append(n.getName().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT));
            }
        }
        return wire.isEmpty() ? "body" : wire.toString();
    }
}
