package org.bmsdk.storage.backup.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.TransportException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CreateBucketRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@link ObjectStore} on one S3 bucket through the AWS SDK for Java v2. Every SDK exception is
 * translated here, so that no SDK type leaves the package: bad keys become
 * {@link AuthenticationException}, a missing bucket {@link ConfigurationException}, other answers
 * {@link DeviceException} (retryable for 5xx), and failures to reach the server
 * {@link TransportException}. Messages name the bucket, the key and the access key id (which AWS
 * does not treat as secret), never the secret key.
 */
public final class S3ObjectStore implements ObjectStore {

    /** The codes S3 and its imitations answer bad or unauthorised credentials with. */
    private static final Set<String> AUTH_CODES = Set.of("InvalidAccessKeyId", "SignatureDoesNotMatch", "AccessDenied",
            "InvalidToken", "ExpiredToken", "InvalidSecurity", "AuthorizationHeaderMalformed", "InvalidClientTokenId");

    private final S3Client client;
    private final String bucket;
    private final String accessKeyId;
    private final ErrorContext context;

    /**
     * A store.
     *
     * @param client the SDK client, closed with this store
     * @param bucket the bucket
     * @param accessKeyId the key id, for messages
     * @param context the repository's error context
     */
    public S3ObjectStore(S3Client client, String bucket, String accessKeyId, ErrorContext context) {
        this.client = client;
        this.bucket = bucket;
        this.accessKeyId = accessKeyId;
        this.context = context;
    }

    /**
     * Checks that the bucket exists and the credentials are good, creating the bucket when asked.
     *
     * @param create whether to create a missing bucket
     */
    public void checkBucket(boolean create) {
        try {
            client.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
        } catch (SdkException e) {
            if (create && e instanceof AwsServiceException a && a.statusCode() == 404) {
                try {
                    client.createBucket(CreateBucketRequest.builder().bucket(bucket).build());
                    return;
                } catch (SdkException c) {
                    throw failure("bucket.create", "", c);
                }
            }
            throw failure("bucket.check", "", e);
        }
    }

    @Override
    public Optional<Stored> get(String key) {
        try {
            ResponseBytes<GetObjectResponse> bytes = client.getObjectAsBytes(GetObjectRequest.builder().bucket(bucket).key(key).build());
            return Optional.of(new Stored(bytes.asByteArrayUnsafe(), bytes.response().eTag()));
        } catch (SdkException e) {
            if (isMissingKey(e)) {
                return Optional.empty();
            }
            throw failure("get", key, e);
        }
    }

    @Override
    public Optional<String> head(String key) {
        try {
            return Optional.of(client.headObject(HeadObjectRequest.builder().bucket(bucket).key(key).build()).eTag());
        } catch (SdkException e) {
            // A HEAD answer has no body, so a missing bucket looks like a missing key here; the
            // repository checks the bucket when it opens, and the next put would name it.
            if (e instanceof AwsServiceException a && a.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("head", key, e);
        }
    }

    @Override
    public void put(String key, byte[] data) {
        try {
            client.putObject(PutObjectRequest.builder().bucket(bucket).key(key).build(), RequestBody.fromBytes(data));
        } catch (SdkException e) {
            throw failure("put", key, e);
        }
    }

    @Override
    public Optional<String> putIfAbsent(String key, byte[] data) {
        return conditionalPut(key, data, PutObjectRequest.builder().bucket(bucket).key(key).ifNoneMatch("*").build(), "put-if-absent");
    }

    @Override
    public Optional<String> putIfMatch(String key, byte[] data, String etag) {
        return conditionalPut(key, data, PutObjectRequest.builder().bucket(bucket).key(key).ifMatch(etag).build(), "put-if-match");
    }

    private Optional<String> conditionalPut(String key, byte[] data, PutObjectRequest request, String operation) {
        try {
            return Optional.of(client.putObject(request, RequestBody.fromBytes(data)).eTag());
        } catch (SdkException e) {
            // 412: the condition failed. 409: a concurrent write to the same key won (S3 asks to
            // re-read and retry, which is what the callers do with an empty answer). 404: If-Match
            // on an object that is gone.
            if (e instanceof AwsServiceException a && (a.statusCode() == 412 || a.statusCode() == 409
                    || (a.statusCode() == 404 && !"NoSuchBucket".equals(code(a))))) {
                return Optional.empty();
            }
            throw failure(operation, key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            client.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key).build());
        } catch (SdkException e) {
            if (isMissingKey(e)) {
                return;
            }
            throw failure("delete", key, e);
        }
    }

    @Override
    public void deleteIfMatch(String key, String etag) {
        try {
            client.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(key).ifMatch(etag).build());
        } catch (SdkException e) {
            if (isMissingKey(e) || e instanceof AwsServiceException a && a.statusCode() == 412) {
                return;
            }
            throw failure("delete-if-match", key, e);
        }
    }

    @Override
    public List<String> list(String prefix) {
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object o : client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(prefix).build()).contents()) {
                keys.add(o.key());
            }
        } catch (SdkException e) {
            throw failure("list", prefix, e);
        }
        return keys;
    }

    @Override
    public String describe(String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public void close() {
        client.close();
    }

    private static boolean isMissingKey(SdkException e) {
        return e instanceof AwsServiceException a && a.statusCode() == 404 && !"NoSuchBucket".equals(code(a));
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
    }

    /**
     * Translates an SDK failure into the project's exceptions.
     *
     * @param operation what was being done
     * @param key the object key, or "" for the bucket
     * @param e the SDK's exception
     * @return the exception to throw
     */
    BareMetalException failure(String operation, String key, SdkException e) {
        ErrorContext ctx = context.withOperation("s3." + operation);
        String where = describe(key);
        if (e instanceof AwsServiceException a) {
            int status = a.statusCode();
            String code = code(a);
            String detail = a.awsErrorDetails() == null || a.awsErrorDetails().errorMessage() == null ? ""
                    : ": " + a.awsErrorDetails().errorMessage();
            String answer = "HTTP " + status + (code.isEmpty() ? "" : " " + code) + detail;
            if (status == 401 || status == 403 || AUTH_CODES.contains(code)) {
                return new AuthenticationException("S3 refused " + operation + " of " + where + " (" + answer
                        + ") for access key id " + accessKeyId + ": check the key id and secret key (AWS_ACCESS_KEY_ID, "
                        + "AWS_SECRET_ACCESS_KEY) and the bucket's permissions", ctx, a);
            }
            if ("NoSuchBucket".equals(code)) {
                return new ConfigurationException("bucket " + bucket + " does not exist (" + operation + " of " + where + ")", ctx, a);
            }
            return new DeviceException("S3 answered " + operation + " of " + where + " with " + answer, ctx,
                    code.isEmpty() ? Integer.toString(status) : code, status >= 500 || status == 429, a);
        }
        return new TransportException(operation + " of " + where + " failed: " + e.getMessage(), ctx, e);
    }
}
