package io.flead.connect.timescale;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads TCP connection states from the kernel ({@code /proc/net/tcp} and {@code tcp6}), which answers while a server is hung. */
final class LoopbackSockets {
    private static final String ESTABLISHED = "01";

    private LoopbackSockets() {
    }

    /** Whether a connection from local port {@code localPort} to remote port {@code remotePort} is established. */
    static boolean established(int localPort, int remotePort) throws IOException {
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            for (String line : Files.readAllLines(Path.of(table), StandardCharsets.US_ASCII)) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st ...; addresses are HEXIP:HEXPORT
                if (f.length > 3 && f[1].contains(":") && port(f[1]) == localPort && port(f[2]) == remotePort
                        && f[3].equals(ESTABLISHED)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }
}
