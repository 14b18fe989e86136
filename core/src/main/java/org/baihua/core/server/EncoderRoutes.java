package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import jakarta.inject.Inject;
import java.util.List;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;
import org.baihua.core.InvalidRequestException;
import org.baihua.core.config.LimitsConfig;
import org.baihua.core.auth.Role;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderConfig;
import org.baihua.core.encoder.EncoderSpec;

/** {@code /api/v1/encoders}: the shared encoders, and embedding texts with one directly. */
final class EncoderRoutes implements RouteGroup {

    /**
     * One encoder as listed: {@code relativeSpeed} is sentences per CPU-second relative to
     * {@code all-minilm-l6-v2-q} (null when not measured), {@code defaultFor} the languages for which the host
     * picks it when neither the request nor the task names an encoder.
     */
    record EncoderView(String id, List<String> languages, int dimensions, int maxTokens, String pooling, String precision,
                       Double relativeSpeed, List<String> defaultFor, boolean loaded, long truncatedTexts) {}

    record EmbedBody(List<String> texts) {}

    record Vectors(String encoder, int dimensions, float[][] vectors) {}

    private final EncoderCatalog encoders;
    private final EncoderConfig config;
    private final ObjectMapper mapper;
    private final LimitsConfig limits;

    @Inject
    EncoderRoutes(EncoderCatalog encoders, EncoderConfig config, ObjectMapper mapper, LimitsConfig limits) {
        this.limits = requireNonNull(limits, "limits is null");
        this.encoders = requireNonNull(encoders, "encoders is null");
        this.config = requireNonNull(config, "config is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/v1/encoders", ctx -> {
            QueryParameters.none(ctx);
            ctx.json(encoders.encoders().stream().map(this::view).toList());
        }, Role.READER);
        app.post("/api/v1/encoders/{id}/embed", ctx -> {
            QueryParameters.none(ctx);
            String id = ctx.pathParam("id");
            encoders.spec(id);
            EmbedBody body = Bodies.read(ctx, mapper, EmbedBody.class);
            if (body.texts() == null || body.texts().isEmpty()) {
                throw new InvalidRequestException("texts", "texts is empty: send at least one text");
            }
            if (body.texts().size() > config.maxTextsPerCall()) {
                throw new BaihuaException(Kind.PAYLOAD_TOO_LARGE, "texts has " + body.texts().size() + " entries; at most "
                        + config.maxTextsPerCall() + " per call (config key encoder.max-texts-per-call)");
            }
            for (int i = 0; i < body.texts().size(); i++) {
                if (body.texts().get(i) == null) {
                    throw new InvalidRequestException("texts[" + i + "]", "texts[" + i + "] is null");
                }
                if (body.texts().get(i).length() > limits.maxTextChars()) {
                    throw new InvalidRequestException("texts[" + i + "]", Kind.PAYLOAD_TOO_LARGE, "texts[" + i + "] has "
                            + body.texts().get(i).length() + " characters; at most " + limits.maxTextChars() + " (config key "
                            + LimitsConfig.MAX_TEXT_CHARS + ")");
                }
            }
            float[][] vectors = encoders.get(id).embed(body.texts());
            ctx.json(new Vectors(id, encoders.spec(id).dimensions(), vectors));
        }, Role.READER);
    }

    private EncoderView view(EncoderSpec spec) {
        return new EncoderView(spec.id(), spec.languages(), spec.dimensions(), spec.maxTokens(), spec.pooling().key(),
                spec.precision().key(), spec.relativeSpeed(), encoders.defaultLanguagesOf(spec.id()),
                encoders.isLoaded(spec.id()), encoders.truncatedTexts(spec.id()));
    }
}
