package org.baihua.core.server;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import java.util.Set;
import org.baihua.core.auth.Role;

/**
 * The web console: static files under {@code /console} in the core jar, served at {@code /}, and the
 * chart library from its WebJar at {@code /lib/uplot/dist/}. Nothing is fetched from elsewhere. The
 * pages are open (they hold no data); every call they make sends the user's key to the API, which
 * enforces the roles.
 */
final class Console {

    /** Classpath folder of the console's own files. */
    static final String DIRECTORY = "/console";

    /**
     * Classpath folder of the uPlot WebJar. Its dist/ folder has no directory entry in the jar, which
     * a static-file folder needs, so the WebJar's root is served and all but the two files are skipped.
     */
    static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30";

    /**
     * Sent with every console file: scripts only from this host (no inline script), no framing by
     * other sites, no MIME sniffing, no referrer. Inline style attributes are refused too; the
     * scripts set styles through the CSSOM, which CSP allows.
     */
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                    + "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-cache");

    /** The uPlot files the console loads, below /lib/uplot. */
    static final Set<String> UPLOT_FILES = Set.of("/lib/uplot/dist/uPlot.iife.min.js", "/lib/uplot/dist/uPlot.min.css",
            "/lib/uplot/LICENSE");

    private Console() {}

    /** Adds the console's static files to the app's configuration. */
    static void serve(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = DIRECTORY;
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
            files.roles = Set.of(Role.NONE);
        });
        config.staticFiles.add(files -> {
            files.hostedPath = "/lib/uplot";
            files.directory = UPLOT;
            files.location = Location.CLASSPATH;
            files.headers = HEADERS;
            files.roles = Set.of(Role.NONE);
            // only the two files the page loads; the WebJar's other builds are not part of the console
            files.skipFileFunction = request -> !UPLOT_FILES.contains(request.getRequestURI());
        });
    }
}
