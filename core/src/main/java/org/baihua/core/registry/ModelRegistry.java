package org.baihua.core.registry;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.baihua.core.ConflictException;
import org.baihua.core.InvalidRequestException;

/**
 * Models and their numbered versions: creation, the training states
 * ({@code QUEUED → TRAINING → READY}, or FAILED / CANCELLED) and the serving stages (promote,
 * rollback, archive, delete). Illegal moves are refused with a {@link ConflictException} naming the
 * model, version and state. A version becomes READY only once its artifact is complete on disk, so a
 * READY version always has one.
 */
public final class ModelRegistry {

    private final Database database;
    private final ArtifactStore artifacts;
    private final JsonColumns json = new JsonColumns();
    private final VersionRows rows = new VersionRows(json);
    private final StageTransitions stages;
    private final RegistryEvents events;

    private final List<java.util.function.ObjIntConsumer<String>> promotionGates = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Inject
    public ModelRegistry(Database database, ArtifactStore artifacts, RegistryEvents events) {
        this.database = requireNonNull(database, "database is null");
        this.artifacts = requireNonNull(artifacts, "artifacts is null");
        this.events = requireNonNull(events, "events is null");
        this.stages = new StageTransitions(database, artifacts, rows);
    }

    /** Where listeners learn of versions that became ready, moved stage or were deleted, whoever moved them. */
    public RegistryEvents events() {
        return events;
    }

    /**
     * Queues a new version of model {@code name}, creating the model on its first version. Version
     * numbers count up from 1 and are never reused.
     *
     * @throws InvalidRequestException if an id is malformed
     * @throws ConflictException if the model exists for another domain or task
     */
    public ModelVersion createVersion(String name, String domain, String task, Lineage lineage) {
        return database.write("creating a version of model '" + name + "'",
                c -> rows.create(c, name, domain, task, lineage, Instant.now()));
    }

    /**
     * Moves a QUEUED version to TRAINING. A version trained by a job moves with its job instead, in one
     * transaction ({@link JobStore#startTraining}).
     */
    public ModelVersion startTraining(String name, int version) {
        Instant now = Instant.now();
        return transition(name, version, VersionState.TRAINING, "starting training of", c ->
                rows.startTraining(c, new VersionRef(name, version), now));
    }

    /**
     * Writes the artifact of a TRAINING version atomically, then marks it READY with its metrics
     * and timings. If the version stopped training meanwhile (cancelled), the artifact is removed
     * and the move refused. A version trained by a job moves with its job ({@link JobStore#finishTraining}).
     *
     * @param headOnnx the trained head as ONNX
     * @param pipelineJson the fitted feature pipeline, a JSON object
     */
    public ModelVersion markReady(String name, int version, byte[] headOnnx, byte[] pipelineJson, TrainingResult result) {
        requireNonNull(result, "result is null");
        requireJsonObject(json, pipelineJson);
        VersionRows.requireMove(version(name, version), VersionState.READY);
        ArtifactBundle stored = artifacts.write(name, version,
                new ArtifactContent(headOnnx, pipelineJson, json.writeBytes(result.metrics())));
        Instant now = Instant.now();
        ModelVersion ready;
        try {
            ready = transition(name, version, VersionState.READY, "marking ready", c ->
                    rows.markReady(c, new VersionRef(name, version), result, stored.manifestSha256(), now));
        } catch (ConflictException e) {
            artifacts.delete(name, version);
            throw e;
        }
        events.publish(new RegistryEvent(RegistryEvent.Kind.READY, name, version));
        return ready;
    }

    /**
     * Moves a QUEUED or TRAINING version to FAILED with the reason (cut to 2000 characters), and
     * removes any partial artifact.
     */
    public ModelVersion markFailed(String name, int version, String error) {
        return finishUnsuccessfully(name, version, VersionState.FAILED, Names.errorText(error));
    }

    /** Moves a QUEUED or TRAINING version to CANCELLED, and removes any partial artifact. */
    public ModelVersion markCancelled(String name, int version) {
        return finishUnsuccessfully(name, version, VersionState.CANCELLED, "cancelled");
    }

    private ModelVersion finishUnsuccessfully(String name, int version, VersionState state, String error) {
        Instant now = Instant.now();
        ModelVersion result = transition(name, version, state, "marking " + state.name().toLowerCase(java.util.Locale.ROOT), c ->
                rows.finishUnsuccessfully(c, new VersionRef(name, version), state, error, now));
        artifacts.delete(name, version);
        events.publish(new RegistryEvent(state == VersionState.FAILED ? RegistryEvent.Kind.FAILED : RegistryEvent.Kind.CANCELLED,
                name, version));
        return result;
    }

    private interface Update {
        void apply(Connection c) throws SQLException;
    }

    private ModelVersion transition(String name, int version, VersionState target, String what, Update update) {
        Names.requireId(name, "model");
        Names.requireVersion(version);
        return database.write(what + " model '" + name + "' version " + version, c -> {
            rows.lockModel(c, name);
            VersionRows.requireMove(rows.get(c, name, version), target);
            update.apply(c);
            return rows.get(c, name, version);
        });
    }

    static void requireJsonObject(JsonColumns json, byte[] pipelineJson) {
        requireNonNull(pipelineJson, "pipelineJson is null");
        try {
            JsonNode node = json.mapper().readTree(pipelineJson);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("pipeline.json must hold a JSON object");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("pipeline.json is not valid JSON: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code gate} with (model, version) before every promote; one that throws stops the promote
     * (the serving side warms the version there, so it never takes traffic cold or broken).
     */
    public void beforePromote(java.util.function.ObjIntConsumer<String> gate) {
        promotionGates.add(java.util.Objects.requireNonNull(gate, "gate is null"));
    }

    /**
     * Makes a READY version the model's production version; the previous one returns to NONE. The model's history
     * records it (by {@link ChangeAuthor}) in the same transaction, as do rollback, archive and delete.
     */
    public ModelVersion promote(String name, int version) {
        for (java.util.function.ObjIntConsumer<String> gate : promotionGates) {
            gate.accept(name, version);
        }
        ModelVersion promoted = stages.promote(name, version, ChangeAuthor.current());
        events.publish(new RegistryEvent(RegistryEvent.Kind.PROMOTED, name, version));
        return promoted;
    }

    /**
     * Puts the previous production version back in production and returns it; the current one
     * returns to NONE. Archived or deleted versions are skipped.
     *
     * @throws ConflictException if there is no production version or none before it
     */
    public ModelVersion rollback(String name) {
        ModelVersion back = stages.rollback(name, ChangeAuthor.current());
        events.publish(new RegistryEvent(RegistryEvent.Kind.PROMOTED, name, back.version()));
        return back;
    }

    /** Retires a READY version that is not in production. */
    public ModelVersion archive(String name, int version) {
        ModelVersion archived = stages.archive(name, version, ChangeAuthor.current());
        events.publish(new RegistryEvent(RegistryEvent.Kind.ARCHIVED, name, version));
        return archived;
    }

    /** Deletes a version and its artifact; refused for the production version and while it trains. */
    public void deleteVersion(String name, int version) {
        stages.delete(name, version, ChangeAuthor.current());
        events.publish(new RegistryEvent(RegistryEvent.Kind.DELETED, name, version));
    }

    /** The model, or {@link org.baihua.core.NotFoundException}. */
    public Model model(String name) {
        return database.read("reading model '" + name + "'", c -> rows.model(c, name));
    }

    /** Every model, by name. */
    public List<Model> models() {
        return database.read("listing models", rows::models);
    }

    /** The versions of a model, oldest first. */
    public List<ModelVersion> versions(String name) {
        return database.read("listing versions of model '" + name + "'", c -> {
            rows.model(c, name);
            return rows.list(c, name);
        });
    }

    /** One version, or {@link org.baihua.core.NotFoundException} naming the model and version. */
    public ModelVersion version(String name, int version) {
        return database.read("reading model '" + name + "' version " + version, c -> rows.get(c, name, version));
    }

    /** The production version of a model, if it has one. */
    public Optional<ModelVersion> production(String name) {
        return database.read("reading the production version of model '" + name + "'", c -> {
            rows.model(c, name);
            return rows.production(c, name);
        });
    }

    /**
     * The verified artifact of a READY version.
     *
     * @throws ConflictException if the version is not READY
     * @throws CorruptArtifactException if the files do not match the recorded checksums
     */
    public ArtifactBundle artifact(String name, int version) {
        ModelVersion current = requireReady(name, version);
        return artifacts.read(name, version, current.artifactSha256());
    }

    /** Writes the verified artifact of a READY version to {@code out} as a portable zip. */
    public void exportArtifact(String name, int version, OutputStream out) {
        ModelVersion current = requireReady(name, version);
        artifacts.exportZip(name, version, current.artifactSha256(), out);
    }

    private ModelVersion requireReady(String name, int version) {
        ModelVersion current = version(name, version);
        if (current.state() != VersionState.READY) {
            throw new ConflictException(current.label() + " is " + current.state() + " and has no artifact");
        }
        return current;
    }
}
