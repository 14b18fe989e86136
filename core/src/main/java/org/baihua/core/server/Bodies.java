package org.baihua.core.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.stream.Collectors;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;
import org.baihua.core.InvalidRequestException;

/** Reads JSON request bodies: content type checked, size bounded, and every Jackson error turned into a 400 naming the field. */
final class Bodies {

    static final long MAX_JSON_BYTES = 16L << 20;

    private Bodies() {}

    static <T> T read(Context ctx, ObjectMapper mapper, Class<T> type) {
        Uploads.requireContentType(ctx, Set.of("application/json"));
        if (ctx.contentLength() > MAX_JSON_BYTES) {
            throw new BaihuaException(Kind.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of " + MAX_JSON_BYTES + " bytes");
        }
        try (InputStream in = new BoundedInputStream(ctx.bodyInputStream(), MAX_JSON_BYTES)) {
            // A fraction where a whole number belongs (epochs 2.5, seed 1.5) is a wrong type, not something to truncate.
            T value = mapper.readerFor(type).without(DeserializationFeature.ACCEPT_FLOAT_AS_INT).readValue(in);
            if (value == null) {
                throw new InvalidRequestException("body", "The request body is empty; send a JSON object");
            }
            RequestGuard.watchDisconnect(ctx);
            return value;
        } catch (StreamConstraintsException e) {
            throw new InvalidRequestException("body", "The request body is beyond the JSON limits: " + e.getOriginalMessage());
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidRequestException(path(e), "unknown field '" + path(e) + "'; known fields: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (InvalidFormatException e) {
            throw new InvalidRequestException(path(e), "field '" + path(e) + "' has the wrong type: '" + e.getValue()
                    + "' is not " + article(e.getTargetType().getSimpleName()));
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw new InvalidRequestException("body", "The request body must be a JSON object, alone: " + e.getOriginalMessage());
            }
            throw new InvalidRequestException(field, "field '" + field + "' has the wrong type or is missing: expected "
                    + article(e.getTargetType() == null ? "value" : e.getTargetType().getSimpleName()));
        } catch (JsonMappingException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BaihuaException baihua) {
                throw baihua;
            }
            String field = path(e);
            throw new InvalidRequestException(field.isEmpty() ? "body" : field,
                    (field.isEmpty() ? "" : "field '" + field + "': ") + (cause != null ? cause.getMessage() : e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new InvalidRequestException("body", "The request body is not valid JSON: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw new InvalidRequestException("body", "Cannot read the request body: " + e.getMessage());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String article(String type) {
        return switch (type) {
            case "Integer", "int", "Long", "long" -> "a whole number";
            case "Double", "double", "Float", "float" -> "a number";
            case "Boolean", "boolean" -> "true or false";
            case "String" -> "a string";
            case "List", "ArrayList" -> "an array";
            default -> "a " + type;
        };
    }

    /** Stops reading past the limit with a 413. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private final long max;
        private long count;

        BoundedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++count > max) {
                throw new BaihuaException(Kind.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of " + max + " bytes");
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (count += n) > max) {
                throw new BaihuaException(Kind.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of " + max + " bytes");
            }
            return n;
        }
    }
}
