package org.bmsdk.storage.backup.internal;

import java.net.URI;
import java.time.Duration;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.credentials.Secret;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the SDK's S3 client from the repository's settings; the only place that knows the SDK's builders. */
public final class S3Clients {

    private S3Clients() {
    }

    /**
     * What a client needs.
     *
     * @param endpoint the server, or null for Amazon S3
     * @param region the signing region
     * @param accessKeyId the key id
     * @param secretAccessKey the secret key
     * @param sessionToken a session token, or null
     * @param pathStyle whether to address buckets by path
     * @param connectTimeout to open a connection
     * @param requestTimeout for one call, retries included
     */
    public record Settings(URI endpoint, String region, String accessKeyId, Secret secretAccessKey, Secret sessionToken,
            boolean pathStyle, Duration connectTimeout, Duration requestTimeout) {
    }

    /**
     * Opens a client on a bucket.
     *
     * @param s the settings
     * @param bucket the bucket
     * @param context the repository's error context
     * @return the store
     */
    public static S3ObjectStore open(Settings s, String bucket, ErrorContext context) {
        AwsCredentials credentials = s.sessionToken() == null
                ? AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey().reveal())
                : AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey().reveal(), s.sessionToken().reveal());
        S3ClientBuilder b = S3Client.builder()
                // HttpURLConnection: blocking calls are all we make, and it adds no jar (see the pom).
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(s.connectTimeout())
                        .socketTimeout(s.requestTimeout()))
                .region(Region.of(s.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .forcePathStyle(s.pathStyle())
                // Checksums only where S3 requires them: the chunks carry their own SHA-256 and
                // AES-GCM tag, and many S3-compatible servers reject the SDK's default trailing
                // checksums (aws-chunked uploads).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.apiCallTimeout(s.requestTimeout()));
        if (s.endpoint() != null) {
            b.endpointOverride(s.endpoint());
        }
        return new S3ObjectStore(b.build(), bucket, s.accessKeyId(), context);
    }
}
