package org.baihua.sdk;

import java.util.regex.Pattern;

/** Validation of the ids that appear in REST paths and lineage. */
final class Ids {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private Ids() {}

    static String require(String id, String what) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(
                    what + " '" + id + "' is not a valid id: use 1-64 of [a-z0-9-], starting with a letter or digit");
        }
        return id;
    }
}
