package io.flead.datagen;

/** The kinds of ordinary packets a device exchanges; each device kind mixes them in its own proportions. */
enum NormalPacket {
    MQTT_PUBLISH, MQTT_CONTROL, MODBUS, HTTP_REQUEST, HTTP_RESPONSE, TCP_ACK, TLS, DNS, ARP, ICMP
}
