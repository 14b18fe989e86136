package org.baihua.scaleout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.baihua.core.storage.ObjectStore;
import org.baihua.core.storage.S3Clients;
import org.baihua.core.storage.S3ObjectStore;
import org.baihua.core.storage.StorageConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/** The object-store contract on a real S3 API server (S3Proxy, filesystem backend). */
class S3ObjectStoreContractTest extends ObjectStoreContract {

    private static Path serverFolder;
    private static S3Server server;
    private StorageConfig config;

    @BeforeAll
    static void startServer() throws Exception {
        serverFolder = Files.createTempDirectory("baihua-s3-");
        server = new S3Server(serverFolder);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
        org.baihua.scaleout.Trees.delete(serverFolder);
    }

    @Override
    ObjectStore newStore() {
        config = server.newBucket("b" + UUID.randomUUID().toString().replace("-", "").substring(0, 12), "baihua");
        return new S3ObjectStore(S3Clients.create(config), config.bucket(), config.prefix(), config.partSize());
    }

    @Override
    void damage(String key, byte[] replacement) {
        // Another writer (or bit rot behind the server) replaces the content under the same key.
        try (S3Client client = S3Clients.create(config)) {
            client.putObject(PutObjectRequest.builder().bucket(config.bucket()).key("baihua/" + key).build(),
                    RequestBody.fromBytes(replacement));
        }
    }

    @Override
    void leaveUnfinishedWrite(String key) {
        try (S3Client client = S3Clients.create(config)) {
            String uploadId = client.createMultipartUpload(CreateMultipartUploadRequest.builder()
                    .bucket(config.bucket()).key("baihua/" + key).build()).uploadId();
            client.uploadPart(UploadPartRequest.builder().bucket(config.bucket()).key("baihua/" + key)
                    .uploadId(uploadId).partNumber(1).build(), RequestBody.fromBytes(random(PART, 9)));
        }
    }
}
