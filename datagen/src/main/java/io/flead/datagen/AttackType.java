package io.flead.datagen;

import java.util.Arrays;
import java.util.List;

/** Edge-IIoTset's traffic classes: {@code Normal} and its 14 attack types, with their exact names. */
public enum AttackType {
    NORMAL("Normal"),
    DDOS_UDP("DDoS_UDP"),
    DDOS_ICMP("DDoS_ICMP"),
    DDOS_TCP("DDoS_TCP"),
    DDOS_HTTP("DDoS_HTTP"),
    SQL_INJECTION("SQL_injection"),
    PASSWORD("Password"),
    VULNERABILITY_SCANNER("Vulnerability_scanner"),
    UPLOADING("Uploading"),
    BACKDOOR("Backdoor"),
    PORT_SCANNING("Port_Scanning"),
    XSS("XSS"),
    RANSOMWARE("Ransomware"),
    MITM("MITM"),
    FINGERPRINTING("Fingerprinting");

    private final String label;

    AttackType(String label) {
        this.label = label;
    }

    /** The name written in the {@code Attack_type} column. */
    public String label() {
        return label;
    }

    /** True for every type but {@link #NORMAL}. */
    public boolean isAttack() {
        return this != NORMAL;
    }

    /** The 14 attack names, in Edge-IIoTset's order. */
    public static List<String> attackLabels() {
        return Arrays.stream(values()).filter(AttackType::isAttack).map(AttackType::label).toList();
    }
}
