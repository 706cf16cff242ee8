/**
 * bm-ssh: the SSH transport that the switch drivers (bm-network) and the storage host driver
 * (bm-storage) share. Host keys are verified against {@code known_hosts}; commands run with
 * timeouts; interactive CLIs are driven through a terminal. Only {@code org.bmsdk.ssh} is API: the
 * SSHJ-based implementation in {@code org.bmsdk.ssh.internal} may change at any time.
 */
module org.bmsdk.ssh {
    requires transitive org.bmsdk.api;
    requires com.hierynomus.sshj;
    requires org.slf4j;

    exports org.bmsdk.ssh;
}
