package org.baihua.core.server;

import static java.util.Objects.requireNonNull;

import io.javalin.Javalin;
import org.baihua.core.auth.Role;
import jakarta.inject.Inject;
import java.util.List;
import org.baihua.core.plugin.DomainCatalog;
import org.baihua.sdk.DecisionPolicy;
import org.baihua.sdk.FieldSpec;
import org.baihua.sdk.HeadSpec;
import org.baihua.sdk.TaskSpec;

/** {@code /api/v1/domains}: the domains of the started plugins with their tasks. */
final class DomainRoutes implements RouteGroup {

    /** REST view of a domain. */
    record DomainView(String id, String displayName, String plugin, String pluginVersion, List<TaskView> tasks) {}

    /** REST view of a task. */
    record TaskView(String id, String description, String kind, List<String> labels, boolean labelsFromData,
                    List<FieldSpec> inputs, HeadSpec head, String primaryMetric, DecisionPolicy decisionPolicy, String encoder,
                    String longText) {

        static TaskView of(TaskSpec t) {
            return new TaskView(t.id(), t.description(), t.kind().name().toLowerCase(java.util.Locale.ROOT), t.labels(),
                    t.labelsFromData(), t.inputs(), t.head(), t.primaryMetric().name().toLowerCase(java.util.Locale.ROOT),
                    t.decisionPolicy(), t.encoder(), t.longText() == null ? null : t.longText().key());
        }
    }

    private final DomainCatalog domains;

    @Inject
    DomainRoutes(DomainCatalog domains) {
        this.domains = requireNonNull(domains, "domains is null");
    }

    @Override
    public void register(Javalin app) {
        app.get("/api/v1/domains", ctx -> {
            QueryParameters.none(ctx);
            ctx.json(domains.domains().stream().map(DomainRoutes::view).toList());
        }, Role.READER);
        app.get("/api/v1/domains/{id}", ctx -> {
            QueryParameters.none(ctx);
            ctx.json(view(domains.domain(ctx.pathParam("id"))));
        }, Role.READER);
    }

    private static DomainView view(DomainCatalog.Entry e) {
        return new DomainView(e.domain().id(), e.domain().displayName(), e.pluginId(), e.pluginVersion(),
                e.domain().tasks().stream().map(TaskView::of).toList());
    }
}
