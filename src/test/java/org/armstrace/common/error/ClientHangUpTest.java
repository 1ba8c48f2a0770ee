package org.armstrace.common.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A client that hangs up mid-download is one quiet log line; anything else stays a logged fault. */
class ClientHangUpTest {

    @Test
    void aClosedConnectionAnywhereInTheCausesIsAHangUp() {
        assertTrue(ClientHangUp.is(new IOException("Connection was closed")));
        assertTrue(ClientHangUp.is(new UncheckedIOException(new IOException("Connection reset by peer"))));
        assertTrue(ClientHangUp.is(new RuntimeException(new IOException("Broken pipe"))));
        assertTrue(ClientHangUp.is(new IllegalStateException(new ClosedChannelException())));
    }

    @Test
    void otherFaultsAreNot() {
        assertFalse(ClientHangUp.is(new IllegalStateException("Connection was closed"))); // not an I/O fault
        assertFalse(ClientHangUp.is(new IOException("No space left on device")));
        assertFalse(ClientHangUp.is(new RuntimeException(new SQLException("Connection reset", "08006"))));
        assertFalse(ClientHangUp.is(new NullPointerException()));
    }
}
