package org.baihua.core.server;

import io.javalin.http.Context;
import java.util.Set;
import java.util.TreeSet;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.config.Suggestions;

/** Refuses query parameters a route does not take, so that a mistyped one ({@code verison=2}) is not silently ignored. */
final class QueryParameters {

    private QueryParameters() {}

    /**
     * Throws 400 naming the first parameter of the request that is not in {@code known} and not
     * prefixed by one of {@code prefixes} (such as {@code option.}).
     */
    static void allow(Context ctx, Set<String> known, String... prefixes) {
        for (String name : new TreeSet<>(ctx.queryParamMap().keySet())) {
            if (known.contains(name) || startsWithAny(name, prefixes)) {
                continue;
            }
            String hint = Suggestions.closest(name, known).map(k -> "; did you mean '" + k + "'?").orElse("");
            throw new InvalidRequestException(name, "unknown query parameter '" + name + "' for " + ctx.method() + " "
                    + ctx.endpointHandlerPath() + hint + (known.isEmpty() && prefixes.length == 0 ? "; it takes none"
                    : "; known: " + new TreeSet<>(known) + (prefixes.length == 0 ? "" : " and " + String.join(", ", prefixes) + "<name>")));
        }
    }

    private static boolean startsWithAny(String name, String... prefixes) {
        for (String prefix : prefixes) {
            if (name.startsWith(prefix) && name.length() > prefix.length()) {
                return true;
            }
        }
        return false;
    }
}
