package org.armstrace.common.error;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.util.List;

/**
 * Tells a client that went away while its answer was being sent (a download stopped half-way, a closed browser
 * tab) from a fault of the service: the first is logged as one quiet line, without a stack trace.
 */
final class ClientHangUp {

    private static final List<String> MESSAGES = List.of("Connection was closed", "Connection reset", "Broken pipe");

    private ClientHangUp() {}

    static boolean is(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ClosedChannelException) {
                return true;
            }
            String message = cause.getMessage();
            if ((cause instanceof IOException || cause.getClass().getName().equals("io.vertx.core.VertxException"))
                    && message != null
                    && MESSAGES.stream().anyMatch(message::contains)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
