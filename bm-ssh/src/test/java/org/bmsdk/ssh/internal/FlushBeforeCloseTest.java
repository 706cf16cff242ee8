package org.bmsdk.ssh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlushBeforeCloseTest {

    /** Records what reaches it, as a channel stream would see it. */
    private static final class Recording extends OutputStream {
        final List<String> calls = new ArrayList<>();
        boolean failFlush;

        @Override
        public void write(int b) {
            calls.add("write1");
        }

        @Override
        public void write(byte[] b, int off, int len) {
            calls.add("write" + len);
        }

        @Override
        public void flush() throws IOException {
            calls.add("flush");
            if (failFlush) {
                throw new IOException("channel broke");
            }
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    @Test
    void closeFlushesFirstAndWritesPassThroughWhole() throws IOException {
        Recording channel = new Recording();
        try (OutputStream out = new FlushBeforeClose(channel)) {
            out.write(new byte[40_000], 0, 40_000);
        }
        assertEquals(List.of("write40000", "flush", "close"), channel.calls);
    }

    @Test
    void aFailedFlushStillClosesTheChannelAndIsReported() {
        Recording channel = new Recording();
        channel.failFlush = true;
        assertThrows(IOException.class, () -> new FlushBeforeClose(channel).close());
        assertEquals(List.of("flush", "close"), channel.calls);
    }
}
