package org.baihua.core.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;

/** Streams request bodies to temporary files within a size limit, after a content-type check. */
final class Uploads {

    private Uploads() {}

    /** Refuses a body whose content type is not one of {@code allowed} (415). */
    static void requireContentType(Context ctx, Set<String> allowed) {
        String type = ctx.contentType();
        String bare = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(bare)) {
            throw new BaihuaException(Kind.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be one of " + allowed
                    + ", was '" + (type == null ? "" : type) + "'");
        }
    }

    /** Writes the body to a new temporary file; 413 past {@code maxBytes}, 400 when empty. The caller deletes the file. */
    static Path toTempFile(Context ctx, long maxBytes, String suffix) {
        long declared = ctx.contentLength();
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        Path file;
        try {
            file = Files.createTempFile("baihua-upload-", suffix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary file for an upload", e);
        }
        try (InputStream in = ctx.bodyInputStream(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > maxBytes) {
                    throw tooLarge(maxBytes);
                }
                out.write(buffer, 0, read);
            }
            if (total == 0) {
                throw new org.baihua.core.InvalidRequestException("body", "The request body is empty");
            }
            return file;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new UncheckedIOException("Cannot read the request body", (IOException) e);
        }
    }

    private static BaihuaException tooLarge(long maxBytes) {
        return new BaihuaException(Kind.PAYLOAD_TOO_LARGE, "The request body is larger than the limit of " + maxBytes + " bytes");
    }
}
