package org.baihua.core.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.baihua.core.BaihuaException;
import org.baihua.core.BaihuaException.Kind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code baihua train}: queues a new model version, follows its job's events with a progress bar
 * (plain lines when not on a terminal) and prints the test metrics of the trained version.
 */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train a new version of a model on a data set.")
final class TrainCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mixin
    ClientOptions options;

    @Option(names = "--name", required = true, description = "model name (1-64 of [a-z0-9-])")
    String name;

    @Option(names = "--domain", required = true, description = "domain id")
    String domain;

    @Option(names = "--task", required = true, description = "task id")
    String task;

    @Option(names = "--dataset", required = true, description = "data set id")
    String dataset;

    @Option(names = "--epochs", description = "maximum epochs")
    Integer epochs;

    @Option(names = "--batch-size", description = "examples per update")
    Integer batchSize;

    @Option(names = "--learning-rate", description = "peak learning rate")
    Double learningRate;

    @Option(names = "--seed", description = "random seed")
    Long seed;

    @Option(names = "--validation-split", description = "share held out for validation, in [0, 0.5]")
    Double validationSplit;

    @Option(names = "--test-split", description = "share held out for the test metrics, in [0, 0.5]")
    Double testSplit;

    @Option(names = "--patience", description = "epochs without improvement before stopping; 0 = no early stopping")
    Integer patience;

    @Option(names = "--warmup-fraction", description = "share of the steps spent warming the learning rate up, in [0, 1)")
    Double warmupFraction;

    @Option(names = "--final-learning-rate-fraction", description = "learning rate at the end of the decay as a share of the peak, in [0, 1]")
    Double finalLearningRateFraction;

    @Option(names = "--encoder", description = "encoder id for text fields (default: the task's, else the one for the data set's language)")
    String encoder;

    @Option(names = "--long-text", description = "texts longer than the encoder's window: truncate, chunk or head-tail"
            + " (default: the task's, else the host's encoder.long-text, else chunk when the 90th percentile text does not fit)")
    String longText;

    @Option(names = "--encoder-mode", paramLabel = "frozen|fine-tune|contrastive", description = "how the (fp32) text"
            + " encoder is treated: frozen (the head trains on its vectors), fine-tune (the encoder is first trained on the"
            + " data set with the task's loss) or contrastive (few-shot, under ~50 examples per class: the encoder first"
            + " learns from pairs of texts, same label = similar). Default: what the task's plugin asks for, else frozen")
    String encoderMode;

    @Option(names = "--fine-tune", description = "the same as --encoder-mode fine-tune")
    boolean fineTune;

    @Option(names = "--fine-tune-layers", paramLabel = "all|N", description = "with fine-tune or contrastive: the top N"
            + " transformer layers are trained, or all of them with the embeddings (default: all)")
    String fineTuneLayers;

    @Option(names = "--fine-tune-lr", paramLabel = "X", description = "with fine-tune or contrastive: the encoder's peak"
            + " learning rate (default: 3e-5 fine-tune, 2e-5 contrastive)")
    Double fineTuneLearningRate;

    @Option(names = "--fine-tune-epochs", paramLabel = "N", description = "with fine-tune: passes over the texts"
            + " (default: 3; the contrastive phase sizes itself)")
    Integer fineTuneEpochs;

    @Option(names = "--no-wait", description = "print the job id and return without following it")
    boolean noWait;

    @Override
    public Integer call() {
        Map<String, Object> training = new LinkedHashMap<>();
        put(training, "epochs", epochs);
        put(training, "batchSize", batchSize);
        put(training, "learningRate", learningRate);
        put(training, "seed", seed);
        put(training, "validationSplit", validationSplit);
        put(training, "testSplit", testSplit);
        put(training, "patience", patience);
        put(training, "warmupFraction", warmupFraction);
        put(training, "finalLearningRateFraction", finalLearningRateFraction);
        put(training, "encoder", encoderTuning());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("domain", domain);
        body.put("task", task);
        body.put("dataset", dataset);
        if (!training.isEmpty()) {
            body.put("training", training);
        }
        put(body, "encoder", encoder);
        put(body, "longText", longText);
        HostClient client = options.client();
        JsonNode queued = client.post("/api/v1/models", body);
        String job = queued.path("job").asText();
        int version = queued.path("version").asInt();
        if (noWait) {
            System.out.println(options.json() ? HostClient.pretty(queued) : job);
            return 0;
        }
        if (!options.json()) {
            System.out.println("Training model '" + name + "' version " + version + " (job " + job + ")");
        }
        JsonNode last = follow(client, job);
        String state = last.path("state").asText();
        if (!"SUCCEEDED".equals(state)) {
            throw new BaihuaException(Kind.CONFLICT, "Training job '" + job + "' ended " + state
                    + (last.hasNonNull("error") ? ": " + last.get("error").asText() : ""));
        }
        JsonNode trained = client.get(ModelsCommand.versionPath(name, version));
        System.out.println(options.json() ? HostClient.pretty(trained) : ModelsCommand.describe(trained)
                + "\nPromote it with: baihua models promote " + name + " " + version);
        return 0;
    }

    /** Reads the job's events to the end and returns the last job document. */
    private JsonNode follow(HostClient client, String job) {
        ProgressBar bar = new ProgressBar(System.out, System.console() != null && !options.json());
        JsonNode last = null;
        try (Stream<String> lines = client.events("/api/v1/jobs/" + HostClient.segment(job) + "/events")) {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (!line.startsWith("data:")) {
                    continue;
                }
                try {
                    last = JSON.readTree(line.substring(5).trim());
                } catch (IOException e) {
                    throw new BaihuaException(Kind.INTERNAL, "The host sent an unreadable job event: " + line, e);
                }
                if (!options.json()) {
                    bar.show(last);
                }
            }
        }
        bar.finish();
        if (last == null) {
            throw new BaihuaException(Kind.UNAVAILABLE, "The event stream of job '" + job + "' ended without an event");
        }
        if (last.path("state").asText().equals("RUNNING") || last.path("state").asText().equals("QUEUED")) {
            // The stream broke off (host restart, proxy timeout): the job document says where it stands.
            last = client.get("/api/v1/jobs/" + HostClient.segment(job));
        }
        return last;
    }

    /** The {@code training.encoder} object, or null to follow the task's plugin (else frozen). */
    Map<String, Object> encoderTuning() {
        String mode = encoderMode == null ? null : encoderMode.trim().toLowerCase(java.util.Locale.ROOT);
        if (mode != null && !java.util.List.of("frozen", "fine-tune", "contrastive").contains(mode)) {
            throw new BaihuaException(Kind.BAD_REQUEST, "--encoder-mode must be frozen, fine-tune or contrastive, was '"
                    + encoderMode + "'");
        }
        if (fineTune) {
            if (mode != null && !mode.equals("fine-tune")) {
                throw new BaihuaException(Kind.BAD_REQUEST, "--fine-tune asks for --encoder-mode fine-tune, but --encoder-mode"
                        + " is " + mode + ": give one of them");
            }
            mode = "fine-tune";
        }
        boolean tuning = fineTuneLayers != null || fineTuneLearningRate != null || fineTuneEpochs != null;
        if (mode == null || mode.equals("frozen")) {
            if (tuning) {
                throw new BaihuaException(Kind.BAD_REQUEST, "--fine-tune-layers, --fine-tune-lr and --fine-tune-epochs"
                        + " apply with --fine-tune (or --encoder-mode fine-tune or contrastive) only");
            }
            return mode == null ? null : Map.of("mode", mode);
        }
        Map<String, Object> encoder = new LinkedHashMap<>();
        encoder.put("mode", mode);
        if (fineTuneLayers != null) {
            if (fineTuneLayers.equalsIgnoreCase("all")) {
                encoder.put("layers", "all");
            } else {
                try {
                    encoder.put("layers", Integer.parseInt(fineTuneLayers.trim()));
                } catch (NumberFormatException e) {
                    throw new BaihuaException(Kind.BAD_REQUEST, "--fine-tune-layers must be 'all' or a whole number,"
                            + " was '" + fineTuneLayers + "'");
                }
            }
        }
        // the host checks the values (and that epochs do not apply to contrastive) and names its field
        put(encoder, "learningRate", fineTuneLearningRate);
        put(encoder, "epochs", fineTuneEpochs);
        return encoder;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
