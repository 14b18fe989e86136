package org.baihua.core.server;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error response ({@code application/problem+json}).
 *
 * @param type a URI naming the problem kind
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong with this request, for a person to act on
 * @param instance the request path
 * @param field the request field or parameter at fault, if any
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field) {

    static final String CONTENT_TYPE = "application/problem+json";

    static Problem of(int status, String title, String detail, String instance, String field) {
        String slug = title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return new Problem("https://baihua.dev/problems/" + slug, title, status, detail, instance, field);
    }
}
