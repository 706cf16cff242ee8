/** bm-ssh. */
module org.bmsdk.ssh {
    requires transitive org.bmsdk.api;
    requires com.hierynomus.sshj;
    requires org.slf4j;
}
