package org.baihua.core.storage;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Objects in an S3-compatible bucket under a key prefix. Content up to one part is sent in one PUT
 * carrying its SHA-256 in the checksum header and its Content-MD5 (which servers without SHA-256
 * checksums still check), so the server refuses it if it arrives altered;
 * larger content is sent as a multipart upload of {@code partSize} parts (memory stays at one
 * part), hashed on the way and completed only if the whole has the expected SHA-256, else aborted.
 * An S3 object is visible only once its PUT or multipart completion has succeeded, which S3
 * acknowledges only after storing it durably.
 */
public final class S3ObjectStore implements ObjectStore {

    private static final Logger log = LoggerFactory.getLogger(S3ObjectStore.class);
    /** S3's smallest part (but the last); also the default threshold below which one PUT is used. */
    public static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    static final String SHA256_METADATA = "sha256";

    private final S3Client client;
    private final String bucket;
    private final String prefix;
    private final int partSize;

    /**
     * @param client the client, closed with this store
     * @param bucket an existing bucket
     * @param prefix key prefix ({@code baihua/}), or empty
     * @param partSize bytes per part of a multipart upload, at least {@link #MIN_PART_SIZE}; content up
     *     to this size is sent in one PUT
     * @throws ObjectStoreException if the bucket cannot be reached
     */
    public S3ObjectStore(S3Client client, String bucket, String prefix, int partSize) {
        this.client = requireNonNull(client, "client is null");
        this.bucket = requireNonNull(bucket, "bucket is null");
        this.prefix = prefix == null || prefix.isEmpty() ? "" : (prefix.endsWith("/") ? prefix : prefix + "/");
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("partSize must be at least " + MIN_PART_SIZE + ", was " + partSize);
        }
        this.partSize = partSize;
        try {
            client.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
        } catch (SdkException e) {
            throw new ObjectStoreException("", "Cannot reach bucket '" + bucket + "' (does it exist, and do the"
                    + " credentials of the AWS default chain allow it?): " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String key, InputStream in, String sha256) {
        Digests.requireSha256(sha256);
        String fullKey = fullKey(key);
        MessageDigest digest = Digests.sha256();
        byte[] first;
        try {
            first = in.readNBytes(partSize);
        } catch (IOException e) {
            throw new ObjectStoreException(key, "Cannot read the content of object '" + key + "': " + e, e);
        }
        digest.update(first);
        int next;
        try {
            next = first.length < partSize ? -1 : in.read();
        } catch (IOException e) {
            throw new ObjectStoreException(key, "Cannot read the content of object '" + key + "': " + e, e);
        }
        if (next < 0) {
            requireSha(key, digest, sha256);
            try {
                client.putObject(PutObjectRequest.builder().bucket(bucket).key(fullKey)
                        .checksumSHA256(Digests.hexToBase64(sha256)).contentMD5(md5(first, first.length))
                        .metadata(Map.of(SHA256_METADATA, sha256)).build(),
                        RequestBody.fromBytes(first));
            } catch (SdkException e) {
                throw failure(key, "writing", e);
            }
            return;
        }
        putMultipart(key, fullKey, first, (byte) next, in, digest, sha256);
    }

    private void putMultipart(String key, String fullKey, byte[] first, byte carried, InputStream in,
            MessageDigest digest, String sha256) {
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(CreateMultipartUploadRequest.builder().bucket(bucket).key(fullKey)
                    .metadata(Map.of(SHA256_METADATA, sha256)).build()).uploadId();
        } catch (SdkException e) {
            throw failure(key, "starting the multipart write of", e);
        }
        try {
            List<CompletedPart> parts = new ArrayList<>();
            parts.add(uploadPart(fullKey, uploadId, 1, first));
            byte[] buffer = new byte[partSize];
            buffer[0] = carried;
            int filled = 1;
            for (int number = 2; ; number++) {
                int n = in.readNBytes(buffer, filled, partSize - filled);
                filled += n;
                if (filled == 0) {
                    break;
                }
                digest.update(buffer, 0, filled);
                byte[] part = filled == partSize ? buffer : java.util.Arrays.copyOf(buffer, filled);
                parts.add(uploadPart(fullKey, uploadId, number, part));
                if (filled < partSize) {
                    break;
                }
                filled = 0;
            }
            requireSha(key, digest, sha256);
            client.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(fullKey)
                    .uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()).build());
        } catch (IOException | RuntimeException e) {
            abort(fullKey, uploadId, e);
            if (e instanceof ObjectStoreException o) {
                throw o;
            }
            if (e instanceof SdkException s) {
                throw failure(key, "writing", s);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new ObjectStoreException(key, "Cannot read the content of object '" + key + "': " + e, e);
        }
    }

    private CompletedPart uploadPart(String fullKey, String uploadId, int number, byte[] bytes) {
        String etag = client.uploadPart(UploadPartRequest.builder().bucket(bucket).key(fullKey).uploadId(uploadId)
                .partNumber(number).contentLength((long) bytes.length).contentMD5(md5(bytes, bytes.length)).build(),
                RequestBody.fromBytes(bytes)).eTag();
        return CompletedPart.builder().partNumber(number).eTag(etag).build();
    }

    /** Content-MD5 lets every S3 server check a body's transit, also those that ignore the SHA-256 header. */
    private static String md5(byte[] bytes, int length) {
        try {
            java.security.MessageDigest md5 = java.security.MessageDigest.getInstance("MD5");
            md5.update(bytes, 0, length);
            return java.util.Base64.getEncoder().encodeToString(md5.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has MD5", e);
        }
    }

    private void abort(String fullKey, String uploadId, Exception cause) {
        try {
            client.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(fullKey)
                    .uploadId(uploadId).build());
        } catch (SdkException e) {
            // The orphan sweep aborts it later (abortUnfinishedWrites).
            cause.addSuppressed(e);
        }
    }

    private void requireSha(String key, MessageDigest digest, String expected) {
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expected)) {
            throw new CorruptObjectException(key, location(), "the content written has SHA-256 " + actual
                    + ", the writer said " + expected);
        }
    }

    @Override
    public InputStream open(String key, String sha256) {
        try {
            InputStream in = client.getObject(GetObjectRequest.builder().bucket(bucket).key(fullKey(key)).build());
            return sha256 == null ? in : new VerifyingInputStream(in, key, location(), sha256);
        } catch (NoSuchKeyException e) {
            throw new MissingObjectException(key, location());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new MissingObjectException(key, location());
            }
            throw failure(key, "reading", e);
        } catch (SdkException e) {
            throw failure(key, "reading", e);
        }
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
        try {
            HeadObjectResponse head = client.headObject(HeadObjectRequest.builder().bucket(bucket).key(fullKey(key)).build());
            return Optional.of(new ObjectInfo(key, head.contentLength(), head.lastModified()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure(key, "reading", e);
        } catch (SdkException e) {
            throw failure(key, "reading", e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            client.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(fullKey(key)).build());
        } catch (SdkException e) {
            throw failure(key, "deleting", e);
        }
    }

    @Override
    public List<ObjectInfo> list(String keyPrefix) {
        List<ObjectInfo> found = new ArrayList<>();
        try {
            for (S3Object object : client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket)
                    .prefix(prefix + keyPrefix).build()).contents()) {
                found.add(new ObjectInfo(object.key().substring(prefix.length()), object.size(), object.lastModified()));
            }
        } catch (SdkException e) {
            throw failure(keyPrefix, "listing", e);
        }
        found.sort(java.util.Comparator.comparing(ObjectInfo::key));
        return found;
    }

    @Override
    public int abortUnfinishedWrites(Instant olderThan) {
        int aborted = 0;
        try {
            String keyMarker = null;
            String uploadIdMarker = null;
            while (true) {
                ListMultipartUploadsResponse page = client.listMultipartUploads(ListMultipartUploadsRequest.builder()
                        .bucket(bucket).prefix(prefix).keyMarker(keyMarker).uploadIdMarker(uploadIdMarker).build());
                for (MultipartUpload upload : page.uploads()) {
                    if (upload.initiated() == null || upload.initiated().isBefore(olderThan)) {
                        client.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket)
                                .key(upload.key()).uploadId(upload.uploadId()).build());
                        aborted++;
                    }
                }
                if (!Boolean.TRUE.equals(page.isTruncated())) {
                    break;
                }
                keyMarker = page.nextKeyMarker();
                uploadIdMarker = page.nextUploadIdMarker();
            }
        } catch (SdkException e) {
            throw failure(prefix, "aborting unfinished writes under", e);
        }
        if (aborted > 0) {
            log.info("Aborted {} unfinished multipart writes in {}", aborted, location());
        }
        return aborted;
    }

    @Override
    public String location() {
        return "s3://" + bucket + "/" + prefix;
    }

    @Override
    public void close() {
        client.close();
    }

    private String fullKey(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.contains("..")) {
            throw new IllegalArgumentException("invalid object key: " + key);
        }
        return prefix + key;
    }

    private ObjectStoreException failure(String key, String what, SdkException e) {
        return new ObjectStoreException(key, "S3 error while " + what + " object '" + key + "' in " + location()
                + ": " + e.getMessage(), e);
    }
}
