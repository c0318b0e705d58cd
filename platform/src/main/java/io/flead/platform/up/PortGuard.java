package io.flead.platform.up;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Checks, before anything starts, that a fixed port is free; the error names the port and the flag to change it. */
final class PortGuard {
    private PortGuard() {
    }

    static void requireFree(int port, String what, String flag) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " (" + what + ") is already in use; choose another with "
                + flag + " <port> (0 picks a free one)");
        }
    }
}
