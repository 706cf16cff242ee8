/**
 * bm-storage: disk backups (content-defined chunking, deduplicated, compressed, optionally
 * encrypted, verified) into repositories, and block volumes on a tgt iSCSI host with boot from
 * volume. Only the packages exported here are API: the {@code internal} packages may change at any
 * time.
 */
module org.bmsdk.storage {
    requires transitive org.bmsdk.api;
    requires transitive org.bmsdk.ssh;
    requires org.slf4j;
    requires com.github.luben.zstd_jni;
    requires com.fasterxml.jackson.databind;
    // S3Repository: the AWS SDK (automatic modules), kept out of every public signature.
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;

    exports org.bmsdk.storage.backup;
    exports org.bmsdk.storage.iscsi;
}
