package org.bmsdk.hardware.ipmi.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The machine's side of a serial line for ipmi_sim's Serial-over-LAN: a TCP server on 127.0.0.1
 * that ipmi_sim connects to as a client ({@code sol "tcp:127.0.0.1:PORT"} in lan.conf), like the
 * console of ../shared/peers/ipmi-sim-start.sh. It echoes what it receives, answers CR or LF with a
 * login prompt, appends every byte it receives to {@code console.log}, and prints whatever a test
 * asks it to, as a booting machine would.
 */
public final class FakeSerialConsole implements AutoCloseable {

    /** What it prints after a line ends. */
    public static final String PROMPT = "\r\nfake-node login: ";

    private final ServerSocket server;
    private final Path log;
    private final Thread acceptor;
    private volatile Socket client;

    /**
     * Listens on 127.0.0.1 and a free port.
     *
     * @param log where received bytes are appended
     */
    public FakeSerialConsole(Path log) throws IOException {
        this.log = log;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(Peers.HOST), 0));
        acceptor = new Thread(this::accept, "fake-serial-console");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                client = s;
                Thread t = new Thread(() -> serve(s), "fake-serial-console-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream()) {
            byte[] buf = new byte[1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                byte[] got = java.util.Arrays.copyOf(buf, n);
                Files.write(log, got, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                java.io.ByteArrayOutputStream echo = new java.io.ByteArrayOutputStream();
                for (byte b : got) {
                    if (b == '\r' || b == '\n') {
                        echo.writeBytes(PROMPT.getBytes(StandardCharsets.US_ASCII));
                    } else {
                        echo.write(b);
                    }
                }
                synchronized (this) {
                    s.getOutputStream().write(echo.toByteArray());
                }
            }
        } catch (IOException e) {
            // ipmi_sim went away; it reconnects on its own
        }
    }

    /** @return the TCP port */
    public int port() {
        return server.getLocalPort();
    }

    /** @return what the serial line received so far (keystrokes from SOL) */
    public byte[] received() throws IOException {
        return Files.exists(log) ? Files.readAllBytes(log) : new byte[0];
    }

    /** Waits until ipmi_sim has connected. */
    public boolean awaitConnected(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (client == null && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        return client != null;
    }

    /**
     * Prints on the serial line, as the machine would.
     *
     * @param bytes what to print
     */
    public void print(byte[] bytes) throws IOException {
        Socket s = client;
        if (s == null) {
            throw new IOException("ipmi_sim has not connected to the console");
        }
        synchronized (this) {
            OutputStream out = s.getOutputStream();
            out.write(bytes);
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = client;
        if (s != null) {
            s.close();
        }
    }
}
