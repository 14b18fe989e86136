package org.baihua.core.auth;

import static java.util.Objects.requireNonNull;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;

/**
 * Checks every matched request against its route's role: 401 without a valid bearer key, 403 with
 * a key whose role is too low. The caller is attached to the request for the audit log.
 */
public final class AccessControl {

    private static final String CALLER = "baihua.caller";

    private final KeyStore keys;

    @Inject
    public AccessControl(KeyStore keys) {
        this.keys = requireNonNull(keys, "keys is null");
    }

    /** Runs before each matched route. */
    public void check(Context ctx) {
        Role required = required(ctx.routeRoles());
        if (required == Role.NONE) {
            ctx.attribute(CALLER, Caller.ANONYMOUS);
            return;
        }
        java.util.Enumeration<String> all = ctx.req().getHeaders("Authorization");
        if (all != null && all.hasMoreElements()) {
            all.nextElement();
            if (all.hasMoreElements()) {
                throw new BaihuaException(Kind.BAD_REQUEST, "The request has more than one Authorization header; send exactly one");
            }
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new BaihuaException(Kind.UNAUTHORIZED, "This route needs an API key: send 'Authorization: Bearer <key>'");
        }
        Optional<ApiKey> key = keys.find(header.substring(7).trim());
        if (key.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            throw new BaihuaException(Kind.UNAUTHORIZED, "The API key is not valid");
        }
        if (!key.get().role().includes(required)) {
            // The audit log names who was refused, not "anonymous".
            ctx.attribute(CALLER, new Caller(key.get().name(), key.get().role()));
            throw new BaihuaException(Kind.FORBIDDEN, "Key '" + key.get().name() + "' has role " + key.get().role()
                    + "; " + ctx.method() + " " + ctx.matchedPath() + " needs role " + required);
        }
        ctx.attribute(CALLER, new Caller(key.get().name(), key.get().role()));
    }

    /** The caller of a request that passed {@link #check}. */
    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        return caller == null ? Caller.ANONYMOUS : caller;
    }

    private static Role required(Set<RouteRole> roles) {
        Role required = Role.READER; // routes without a role are never open by accident
        for (RouteRole role : roles) {
            if (role instanceof Role r) {
                required = r;
            }
        }
        return required;
    }
}
