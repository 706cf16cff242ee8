/**
 * The SSH transport that bm-sdk's switch drivers and storage host driver share: connect with host
 * keys verified against {@code known_hosts}, run commands ({@link org.bmsdk.ssh.SshConnection#exec})
 * and drive interactive CLIs ({@link org.bmsdk.ssh.SshShell}).
 *
 * <p>Start with {@link org.bmsdk.ssh.SshClient#create()} and {@link org.bmsdk.ssh.SshOptions#builder()}.
 * The SSH library underneath (SSHJ) never shows in these types, so it can be upgraded or replaced
 * without changing callers.
 */
package org.bmsdk.ssh;
