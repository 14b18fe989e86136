package org.baihua.scaleout;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.baihua.core.storage.S3Clients;
import org.baihua.core.storage.StorageConfig;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;

/**
 * A real S3 API server for tests: S3Proxy with its filesystem backend on a loopback port, requiring
 * AWS signatures with a test key pair. Objects are plain files under {@code folder}, so a test can
 * also damage them behind the server's back.
 */
final class S3Server implements AutoCloseable {

    static final String ACCESS_KEY = "baihua-test";
    static final String SECRET_KEY = "baihua-test-secret";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final Path folder;

    S3Server(Path folder) throws Exception {
        this.folder = folder;
        Properties properties = new Properties();
        properties.setProperty("jclouds.filesystem.basedir", folder.toString());
        context = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                // S3Proxy 2.6 does not implement x-amz-checksum-sha256; it still checks Content-MD5.
                .ignoreUnknownHeaders(true).build();
        proxy.start();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!"STARTED".equals(proxy.getState())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.onSpinWait();
        }
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** The folder holding a bucket's objects as files. */
    Path bucketFolder(String bucket) {
        return folder.resolve(bucket);
    }

    /** A storage configuration for a new bucket (created here) on this server. */
    StorageConfig newBucket(String bucket, String prefix) {
        StorageConfig config = new StorageConfig("s3", endpoint(), "us-east-1", bucket, prefix, true,
                5 * 1024 * 1024, 64L << 20, 60, ACCESS_KEY, SECRET_KEY);
        try (S3Client client = S3Clients.create(config)) {
            client.createBucket(CreateBucketRequest.builder().bucket(bucket).build());
        }
        return config;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
