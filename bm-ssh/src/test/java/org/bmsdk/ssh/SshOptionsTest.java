package org.bmsdk.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.junit.jupiter.api.Test;

class SshOptionsTest {

    private static final String PASSWORD = "pw-Secret-4711";
    private static final String PASSPHRASE = "pp-Secret-0815";

    @Test
    void toStringNeverShowsThePasswordOrThePassphrase() {
        SshOptions options = SshOptions.builder().host("tor-1").username("admin")
                .password(Secret.of(PASSWORD))
                .privateKey(Path.of("/keys/tor"), Secret.of(PASSPHRASE))
                .build();
        for (String text : new String[] {options.toString(), options.toBuilder().build().toString(),
                String.valueOf(options.password()), String.valueOf(options.passphrase())}) {
            assertFalse(text.contains(PASSWORD), text);
            assertFalse(text.contains(PASSPHRASE), text);
        }
        assertEquals("SshOptions[ssh://tor-1:22, user=admin, privateKey=/keys/tor, passphrase=****, password=****,"
                + " knownHosts=" + Path.of(System.getProperty("user.home"), ".ssh", "known_hosts")
                + ", connectTimeout=PT10S, commandTimeout=PT1M, keepAlive=PT30S]", options.toString());
    }

    @Test
    void credentialsFromTheResolverSetUserAndPassword() {
        SshOptions options = SshOptions.builder().host("10.0.0.7").credentials(Credentials.of("ops", PASSWORD)).build();
        assertEquals("ops", options.username());
        assertEquals(PASSWORD, options.password().orElseThrow().reveal());
        assertFalse(options.toString().contains(PASSWORD));
    }

    @Test
    void defaultsAreSafe() {
        SshOptions options = SshOptions.builder().host("h").username("u").privateKey(Path.of("k")).build();
        assertEquals(22, options.port());
        assertFalse(options.isInsecureAcceptAnyHostKey());
        assertEquals(Path.of(System.getProperty("user.home"), ".ssh", "known_hosts"), options.knownHosts());
        assertEquals(SshOptions.DEFAULT_CONNECT_TIMEOUT, options.connectTimeout());
        assertTrue(options.passphrase().isEmpty());
        assertTrue(options.password().isEmpty());
    }

    @Test
    void insecureModeShowsInToString() {
        SshOptions options = SshOptions.builder().host("h").username("u").password(Secret.of(PASSWORD))
                .insecureAcceptAnyHostKey().build();
        assertTrue(options.isInsecureAcceptAnyHostKey());
        assertTrue(options.toString().contains("hostKey=NOT VERIFIED"), options.toString());
    }

    @Test
    void endpointBracketsIpv6() {
        SshOptions options = SshOptions.builder().host("fe80::1").port(2222).username("u").password(Secret.of("p")).build();
        assertEquals("ssh://[fe80::1]:2222", options.endpoint());
    }

    @Test
    void toBuilderKeepsEverything() {
        SshOptions a = SshOptions.builder().host("h").port(2200).username("u").password(Secret.of("p"))
                .knownHosts(Path.of("/kh")).connectTimeout(Duration.ofSeconds(3)).commandTimeout(Duration.ofSeconds(4))
                .keepAlive(Duration.ZERO).build();
        assertEquals(a.toString(), a.toBuilder().build().toString());
        assertEquals(Duration.ZERO, a.toBuilder().build().keepAlive());
    }

    @Test
    void invalidValuesAreRefusedWithTheValue() {
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () -> SshOptions.builder().port(70000));
        assertEquals("port must be in 1..65535, but was 70000", port.getMessage());
        IllegalArgumentException timeout = assertThrows(IllegalArgumentException.class,
                () -> SshOptions.builder().connectTimeout(Duration.ZERO));
        assertEquals("connectTimeout must be positive, but was PT0S", timeout.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SshOptions.builder().keepAlive(Duration.ofSeconds(-1)));
    }

    @Test
    void incompleteOptionsAreRefused() {
        assertEquals("host must be set",
                assertThrows(IllegalStateException.class, () -> SshOptions.builder().username("u").build()).getMessage());
        assertEquals("username must be set for h",
                assertThrows(IllegalStateException.class, () -> SshOptions.builder().host("h").build()).getMessage());
        assertEquals("a password or a private key must be set for u@h",
                assertThrows(IllegalStateException.class, () -> SshOptions.builder().host("h").username("u").build())
                        .getMessage());
    }

    @Test
    void execResultRefusesNullOutput() {
        assertThrows(NullPointerException.class, () -> new ExecResult(0, null, ""));
        assertTrue(new ExecResult(0, "", "").isSuccess());
    }
}
