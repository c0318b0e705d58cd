package io.flead.platform.up;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class PortGuardTest {

    @Test
    void aBusyPortIsNamedWithTheFlagToChangeIt() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            assertThatThrownBy(() -> PortGuard.requireFree(port, "Kafka Connect REST", "--connect-port"))
                .hasMessage("Port " + port + " (Kafka Connect REST) is already in use; choose another with "
                    + "--connect-port <port> (0 picks a free one)");
        }
    }

    @Test
    void portZeroAndFreePortsPass() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            free = s.getLocalPort();
        }
        int port = free;
        assertThatCode(() -> PortGuard.requireFree(port, "x", "--x")).doesNotThrowAnyException();
        assertThatCode(() -> PortGuard.requireFree(0, "x", "--x")).doesNotThrowAnyException();
    }
}
