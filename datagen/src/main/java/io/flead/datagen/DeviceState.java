package io.flead.datagen;

/** The running protocol state of one device while its rows are generated: clock, connections, counters. */
final class DeviceState {

    long nowMicros;
    long lastUdpMicros = -1;
    int clientPort;
    int connectionPacketsLeft;
    long seqOut = 1;
    long seqIn = 1;
    int mqttPackets;
    int modbusTransId;
    int icmpSeq;
    int udpStream;
    int tcpStream;

    DeviceState(long startMicros, int firstClientPort) {
        this.nowMicros = startMicros;
        this.clientPort = firstClientPort;
    }

    /** Seconds since this device's previous UDP packet (0 for its first), then remembers this one. */
    double udpTimeDelta() {
        double delta = lastUdpMicros < 0 ? 0 : Math.min(600.0, (nowMicros - lastUdpMicros) / 1e6);
        lastUdpMicros = nowMicros;
        return delta;
    }
}
