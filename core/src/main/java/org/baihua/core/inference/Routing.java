package org.baihua.core.inference;

import org.baihua.core.InvalidRequestException;

/**
 * How a model's traffic is served besides its production version: a candidate version taking a
 * share of requests, optionally sticky by a record field or a request header, and a shadow version
 * run after each answer. Validated on construction; the JSON form is the body of
 * {@code PUT /api/v1/models/{name}/traffic}.
 *
 * @param production the production version's share, 0-100 (100 - candidate.percent)
 * @param candidate the candidate and its share, or null
 * @param stickyBy {@code field:NAME} or {@code header:NAME} (a bare name is a field): requests with the same
 *     value always go to the same version; null routes each request at random
 * @param shadow the shadow version, or null
 */
public record Routing(Integer production, Candidate candidate, String stickyBy, Shadow shadow) {

    /** A candidate version and the share of requests it serves, 1-99. */
    public record Candidate(int version, int percent) {}

    /** A version run on every request after the answer is sent, never changing or failing it. */
    public record Shadow(int version) {}

    public Routing {
        if (candidate != null) {
            if (candidate.percent() < 1 || candidate.percent() > 99) {
                throw new InvalidRequestException("candidate.percent", "candidate.percent must be 1-99, is " + candidate.percent()
                        + " (promote the version to send it all traffic)");
            }
            if (production != null && production + candidate.percent() != 100) {
                throw new InvalidRequestException("production", "production (" + production + ") and candidate.percent ("
                        + candidate.percent() + ") must add up to 100");
            }
            production = 100 - candidate.percent();
        } else {
            if (production != null && production != 100) {
                throw new InvalidRequestException("production", "production is " + production + " but there is no candidate to take the rest");
            }
            production = 100;
        }
        if (stickyBy != null) {
            if (stickyBy.isBlank()) {
                throw new InvalidRequestException("stickyBy", "stickyBy must be field:NAME or header:NAME");
            }
            if (candidate == null) {
                throw new InvalidRequestException("stickyBy", "stickyBy needs a candidate to route between");
            }
        }
    }

    /** Whether this routes nothing anywhere but production (the same as having no routing). */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isDefault() {
        return candidate == null && shadow == null;
    }

    /** The header whose value makes requests sticky, or null. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String stickyHeader() {
        return stickyBy != null && stickyBy.startsWith("header:") ? stickyBy.substring("header:".length()) : null;
    }

    /** The record field whose value makes requests sticky, or null. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String stickyField() {
        if (stickyBy == null || stickyBy.startsWith("header:")) {
            return null;
        }
        return stickyBy.startsWith("field:") ? stickyBy.substring("field:".length()) : stickyBy;
    }
}
