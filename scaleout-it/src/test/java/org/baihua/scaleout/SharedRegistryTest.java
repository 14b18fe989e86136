package org.baihua.scaleout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.multibindings.OptionalBinder;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.baihua.core.BaihuaException;
import org.baihua.core.encoder.EncoderCatalog;
import org.baihua.core.encoder.EncoderConfig;
import org.baihua.core.encoder.EncoderSpec;
import org.baihua.core.encoder.LongText;
import org.baihua.core.encoder.TunedEncoder;
import org.baihua.core.encoder.internal.PreparedModel;
import org.baihua.core.finetune.EncoderExport;
import org.baihua.core.finetune.OnnxBertGraph;
import org.baihua.core.registry.ArtifactBundle;
import org.baihua.core.registry.ArtifactContent;
import org.baihua.core.plugin.PluginArchive;
import org.baihua.core.plugin.PluginHostConfig;
import org.baihua.core.plugin.PluginInfo;
import org.baihua.core.plugin.PluginState;
import org.baihua.core.registry.ArtifactStore;
import org.baihua.core.registry.CorruptArtifactException;
import org.baihua.core.registry.Database;
import org.baihua.core.registry.DatasetInfo;
import org.baihua.core.registry.DatasetStore;
import org.baihua.core.registry.Lineage;
import org.baihua.core.registry.ModelRegistry;
import org.baihua.core.registry.ModelVersion;
import org.baihua.core.registry.NewDataset;
import org.baihua.core.registry.RegistryConfig;
import org.baihua.core.registry.RegistryModule;
import org.baihua.core.registry.StorageSweep;
import org.baihua.core.registry.TrainingResult;
import org.baihua.core.registry.VersionState;
import org.baihua.core.storage.BlobCache;
import org.baihua.core.storage.ObjectStore;
import org.baihua.core.storage.S3Clients;
import org.baihua.core.storage.S3ObjectStore;
import org.baihua.core.storage.SharedStorage;
import org.baihua.core.storage.StorageConfig;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.HeadSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry on shared object storage (S3Proxy) as two hosts use it: one database, one bucket,
 * a data directory (and so an artifact cache) each.
 */
class SharedRegistryTest {

    private static Path serverFolder;
    private static S3Server server;

    @TempDir
    Path temp;
    private StorageConfig config;
    private FlakyStore flaky;
    private Host one;
    private Host two;

    @BeforeAll
    static void startServer() throws Exception {
        serverFolder = Files.createTempDirectory("baihua-s3-");
        server = new S3Server(serverFolder);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
        Trees.delete(serverFolder);
    }

    /** One host's registry objects. */
    private record Host(Injector injector, SharedStorage shared) implements AutoCloseable {
        ModelRegistry registry() {
            return injector.getInstance(ModelRegistry.class);
        }

        DatasetStore datasets() {
            return injector.getInstance(DatasetStore.class);
        }

        StorageSweep sweep() {
            return injector.getInstance(StorageSweep.class);
        }

        @Override
        public void close() {
            injector.getInstance(Database.class).close();
            shared.close();
        }
    }

    @BeforeEach
    void hosts() {
        config = server.newBucket("b" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), "prod");
        RegistryConfig database = new RegistryConfig("jdbc:sqlite:" + temp.resolve("registry.db"), null, null, 4);
        flaky = new FlakyStore(s3());
        one = host(temp.resolve("host1"), database, flaky);
        two = host(temp.resolve("host2"), database, s3());
    }

    @AfterEach
    void closeHosts() {
        one.close();
        two.close();
    }

    private ObjectStore s3() {
        return new S3ObjectStore(S3Clients.create(config), config.bucket(), config.prefix(), config.partSize());
    }

    private static Host host(Path dataDir, RegistryConfig database, ObjectStore store) {
        SharedStorage shared = new SharedStorage(store, new BlobCache(dataDir.resolve("cache"), 1 << 20), Duration.ofMinutes(60));
        Injector injector = Guice.createInjector(new RegistryModule(dataDir, database), new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), SharedStorage.class).setBinding().toInstance(shared);
                bind(PluginHostConfig.class).toInstance(PluginHostConfig.of(dataDir.resolve("plugins"), dataDir, "0.1.0"));
            }
        });
        return new Host(injector, shared);
    }

    private static Lineage lineage() {
        return new Lineage("ds-1", "sha256:ds-1", "baihua-finance", "0.1.0", "all-minilm-l6-v2-q",
                HeadSpec.mlp(64), Map.of("epochs", 5), 42, "tester");
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static final byte[] PIPELINE = "{\"fields\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final TrainingResult RESULT = new TrainingResult(Map.of("macroF1", 0.8), Map.of("training", 5L));

    private ModelVersion ready(Host host, String model, byte[] head) {
        ModelVersion queued = host.registry().createVersion(model, "finance", "fraud", lineage());
        host.registry().startTraining(model, queued.version());
        return host.registry().markReady(model, queued.version(), head, PIPELINE, RESULT);
    }

    private List<Path> bucketFiles(String under) throws IOException {
        Path root = server.bucketFolder(config.bucket());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> root.relativize(p).toString().replace('\\', '/').startsWith(under)).toList();
        }
    }

    @Test
    void artifactWrittenByOneHostIsServedByTheOtherAndCachedThere() throws IOException {
        byte[] head = random(4096, 1);
        ModelVersion v1 = ready(one, "fraud", head);
        assertThat(v1.state()).isEqualTo(VersionState.READY);
        assertThat(bucketFiles("prod/artifacts/fraud/1/")).hasSize(1); // the manifest
        assertThat(bucketFiles("prod/blobs/sha256/")).hasSize(3); // head, pipeline, metrics

        assertThat(two.registry().artifact("fraud", 1).headOnnx()).isEqualTo(head);
        assertThat(two.shared().cache().sizeBytes()).isGreaterThanOrEqualTo(head.length);
        // Nothing of the artifact is under the hosts' local artifact folders.
        assertThat(temp.resolve("host1/artifacts/fraud")).doesNotExist();
    }

    @Test
    void damagedBlobInTheBucketIsDetectedOnEveryLoad() throws IOException {
        byte[] head = random(4096, 2);
        ready(one, "fraud", head);
        String headSha = org.baihua.core.storage.Digests.sha256Hex(head);
        Path blob = bucketFiles("prod/blobs/sha256/").stream()
                .filter(p -> p.getFileName().toString().equals(headSha)).findFirst().orElseThrow();
        byte[] altered = head.clone();
        altered[100] ^= 1;
        Files.write(blob, altered);

        // host two has no cached copy: it reads the bucket and refuses the damaged bytes
        assertThatThrownBy(() -> two.registry().artifact("fraud", 1)).isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("model 'fraud' version 1").hasMessageContaining(headSha);
        assertThatThrownBy(() -> two.registry().promote("fraud", 1)).isInstanceOf(CorruptArtifactException.class);
    }

    @Test
    void missingManifestIsAClearError() throws IOException {
        ready(one, "fraud", random(1000, 3));
        for (Path manifest : bucketFiles("prod/artifacts/")) {
            Files.delete(manifest);
        }
        assertThatThrownBy(() -> two.registry().artifact("fraud", 1)).isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("its manifest is missing from s3://" + config.bucket() + "/prod/");
    }

    @Test
    void multipartWriteInterruptedLeavesNoReadyVersionAndTheSweepRemovesItsParts() {
        byte[] head = random(ObjectStoreContract.PART * 2 + 7, 4); // a multipart blob
        ModelVersion queued = one.registry().createVersion("big", "finance", "fraud", lineage());
        one.registry().startTraining("big", queued.version());
        flaky.failNextLargeWrite = true;
        assertThatThrownBy(() -> one.registry().markReady("big", queued.version(), head, PIPELINE, RESULT))
                .isInstanceOf(BaihuaException.class).hasMessageContaining("connection lost (test)");
        assertThat(two.registry().version("big", queued.version()).state()).isEqualTo(VersionState.TRAINING);
        one.registry().markFailed("big", queued.version(), "the artifact could not be written");
        assertThat(two.registry().version("big", queued.version()).state()).isEqualTo(VersionState.FAILED);
        assertThat(flaky.delegate.list("artifacts/")).isEmpty();

        // The head's parts were aborted: no object, and no unfinished upload for the sweep to find.
        assertThat(flaky.delegate.list("blobs/")).isEmpty();
        assertThat(two.sweep().sweep(Instant.now().plus(Duration.ofMinutes(61))))
                .isEqualTo(new StorageSweep.Result(0, 0));
    }

    @Test
    void sweepKeepsWhatIsReferencedAndRemovesWhatIsNot() {
        ModelVersion kept = ready(one, "fraud", random(2000, 5));
        ModelVersion deleted = ready(one, "fraud", random(2000, 6));
        one.registry().deleteVersion("fraud", deleted.version());
        List<DataRecord> rows = rows(50);
        DatasetInfo dataset = one.datasets().save(newDataset("h1"), rows);

        StorageSweep.Result result = two.sweep().sweep(Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(result.blobsRemoved()).isEqualTo(1); // the deleted version's head (pipeline and metrics are shared)
        assertThat(two.registry().artifact("fraud", kept.version()).headOnnx()).hasSize(2000);
        assertThat(two.datasets().readRows(dataset.id())).hasSize(50);
    }

    @Test
    void dataSetRowsGoThroughTheBucketAndAreCheckedWhenRead() throws IOException {
        List<DataRecord> rows = rows(200);
        DatasetInfo info = one.datasets().save(newDataset("h2"), rows);
        assertThat(two.datasets().readRows(info.id())).extracting(DataRecord::values)
                .isEqualTo(rows.stream().map(DataRecord::values).toList());
        assertThat(temp.resolve("host1/datasets/" + info.id() + ".jsonl.gz")).doesNotExist();

        Path blob = bucketFiles("prod/blobs/sha256/").stream()
                .filter(p -> p.getFileName().toString().equals(info.rowsSha256())).findFirst().orElseThrow();
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);
        assertThatThrownBy(() -> two.datasets().readRows(info.id())).isInstanceOf(BaihuaException.class)
                .hasMessageContaining("Data set '" + info.id() + "' is corrupt");

        one.datasets().delete(info.id());
        assertThat(bucketFiles("prod/blobs/sha256/")).isEmpty(); // private rows go at once
    }

    @Test
    void fineTunedEncoderGoesThroughTheBucketAndAHostReadingItServesIt() throws Exception {
        // a real encoder directory as a fine-tuning job exports it (the bundled fp32 encoder's weights)
        try (EncoderCatalog encoders = new EncoderCatalog(temp.resolve("encoders"), EncoderConfig.defaults())) {
            EncoderSpec base = encoders.spec("bge-small-en-v15");
            PreparedModel files = encoders.files(base.id());
            OnnxBertGraph graph = OnnxBertGraph.read(files.modelFile(), base.pooling());
            EncoderExport.Exported exported = EncoderExport.write(graph, graph.weights(), base, files.tokenizerFile(),
                    "fraud-v1", temp.resolve("job-scratch"));
            ArtifactStore writer = one.injector().getInstance(ArtifactStore.class);
            ArtifactBundle written = writer.write("fraud", 1, new ArtifactContent(random(3000, 8), PIPELINE,
                    "{\"macroF1\": 0.8}".getBytes(StandardCharsets.UTF_8), exported.directory()));
            assertThat(written.encoderModelSha256()).isEqualTo(exported.modelSha256());
            assertThat(bucketFiles("prod/blobs/sha256/")).hasSize(6); // head, pipeline, metrics + the encoder's 3 files
            assertThat(bucketFiles("prod/blobs/sha256/")).anySatisfy(blob ->
                    assertThat(blob.getFileName().toString()).isEqualTo(exported.modelSha256()));
            assertThat(temp.resolve("host1/artifacts/fraud")).doesNotExist();

            // host two has never seen it: it streams the blobs into a checked copy of its own and serves from there
            ArtifactStore reader = two.injector().getInstance(ArtifactStore.class);
            ArtifactBundle read = reader.read("fraud", 1, written.manifestSha256());
            Path copy = read.encoderDirectory();
            assertThat(copy).startsWith(temp.resolve("host2"));
            assertThat(read.encoderModelSha256()).isEqualTo(exported.modelSha256());
            for (String name : List.of("model.onnx", "tokenizer.json", "encoder.json")) {
                assertThat(Files.mismatch(copy.resolve(name), exported.directory().resolve(name))).as(name).isEqualTo(-1L);
            }
            List<String> texts = List.of("the hydraulic pump is leaking oil", "please refund my payment");
            float[][] frozen = encoders.get(base.id()).embed(texts);
            try (TunedEncoder served = encoders.openTuned(copy, read.encoderModelSha256())) {
                float[][] tuned = served.get(LongText.TRUNCATE).embed(texts);
                for (int i = 0; i < texts.size(); i++) {
                    assertThat(cosine(tuned[i], frozen[i])).as(texts.get(i)).isGreaterThan(0.9999);
                }
            }

            // a damaged copy on the host is fetched again; a damaged blob in the bucket is refused
            Files.write(copy.resolve("tokenizer.json"), "{}".getBytes(StandardCharsets.UTF_8));
            Path again = reader.read("fraud", 1, written.manifestSha256()).encoderDirectory();
            assertThat(Files.mismatch(again.resolve("tokenizer.json"), exported.directory().resolve("tokenizer.json"))).isEqualTo(-1L);
            String tokenizerSha = read.manifest().files().get("encoder/tokenizer.json").sha256();
            Path blob = bucketFiles("prod/blobs/sha256/").stream()
                    .filter(p -> p.getFileName().toString().equals(tokenizerSha)).findFirst().orElseThrow();
            byte[] damaged = Files.readAllBytes(blob);
            damaged[damaged.length / 2] ^= 1;
            Files.write(blob, damaged);
            Trees.delete(again);
            assertThatThrownBy(() -> reader.read("fraud", 1, written.manifestSha256()))
                    .isInstanceOf(CorruptArtifactException.class).hasMessageContaining("encoder/tokenizer.json");
            Files.write(blob, Files.readAllBytes(exported.directory().resolve("tokenizer.json")));
            assertThat(reader.read("fraud", 1, written.manifestSha256()).encoderDirectory()).isDirectory();

            // deleting the version drops this host's copy; the sweep then removes the encoder's blobs
            reader.delete("fraud", 1);
            assertThat(copy.getParent()).isEmptyDirectory();
            assertThat(two.sweep().sweep(Instant.now().plus(Duration.ofMinutes(61))).blobsRemoved()).isEqualTo(6);
            assertThat(bucketFiles("prod/blobs/sha256/")).isEmpty();
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void pluginZipPublishedByOneHostIsCopiedByAHostStartingLater() throws IOException {
        PluginHostConfig first = PluginHostConfig.of(temp.resolve("p1"), temp.resolve("d1"), "0.1.0");
        PluginHostConfig later = PluginHostConfig.of(temp.resolve("p2"), temp.resolve("d2"), "0.1.0");
        Files.createDirectories(first.pluginsDir());
        byte[] zip = random(3000, 7);
        Files.write(first.pluginsDir().resolve("acme-1.0.0.zip"), zip);
        new PluginArchive(first, Optional.of(one.shared())).publish(new PluginInfo("acme", "1.0.0", PluginState.STARTED,
                "", "", "", List.of(), null, "acme-1.0.0.zip"));

        PluginArchive archive = new PluginArchive(later, Optional.of(two.shared()));
        assertThat(archive.catchUp()).extracting(PluginArchive.Entry::pluginId).containsExactly("acme");
        assertThat(Files.readAllBytes(later.pluginsDir().resolve("acme-1.0.0.zip"))).isEqualTo(zip);
        assertThat(archive.catchUp()).as("already there").isEmpty();
        assertThat(two.sweep().sweep(Instant.now().plus(Duration.ofMinutes(61))).blobsRemoved()).isZero();

        new PluginArchive(first, Optional.of(one.shared())).withdraw("acme");
        assertThat(archive.entries()).isEmpty();
    }

    private static NewDataset newDataset(String hash) {
        return new NewDataset("rows", "finance", "fraud", "jsonl", hash, Map.of("a", 1L), List.of(), "tester");
    }

    private static List<DataRecord> rows(int count) {
        List<DataRecord> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new DataRecord(i + 1, Map.of("text", "row " + i, "label", i % 2 == 0 ? "a" : "b")));
        }
        return rows;
    }

    /** Passes calls through, but can cut the next multipart write after its first part, like a lost connection. */
    static final class FlakyStore implements ObjectStore {
        final ObjectStore delegate;
        volatile boolean failNextLargeWrite;

        FlakyStore(ObjectStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public void put(String key, InputStream in, String sha256) {
            if (!failNextLargeWrite) {
                delegate.put(key, in, sha256);
                return;
            }
            delegate.put(key, new FilterInputStream(in) {
                private long count;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (count > ObjectStoreContract.PART) {
                        failNextLargeWrite = false;
                        throw new IOException("connection lost (test)");
                    }
                    int n = super.read(b, off, len);
                    count += Math.max(n, 0);
                    return n;
                }
            }, sha256);
        }

        @Override
        public InputStream open(String key, String sha256) {
            return delegate.open(key, sha256);
        }

        @Override
        public Optional<ObjectInfo> stat(String key) {
            return delegate.stat(key);
        }

        @Override
        public void delete(String key) {
            delegate.delete(key);
        }

        @Override
        public List<ObjectInfo> list(String prefix) {
            return delegate.list(prefix);
        }

        @Override
        public int abortUnfinishedWrites(Instant olderThan) {
            return delegate.abortUnfinishedWrites(olderThan);
        }

        @Override
        public String location() {
            return delegate.location();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
