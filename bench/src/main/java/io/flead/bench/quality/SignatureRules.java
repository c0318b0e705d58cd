package io.flead.bench.quality;

import java.util.List;
import java.util.function.DoublePredicate;

/**
 * The signature baseline: a fixed rule set written by reading the generator's attack traffic ({@code AttackTraffic}),
 * one rule per value an attack plants; a row is an attack when any rule fires. Nothing is learned, so this is what a
 * model has to beat to show it learned more than the generator's planted values.
 */
public final class SignatureRules implements RowClassifier {
    /**
     * One rule: a feature and the values on which it fires. The files write an absent field as 0 (a TCP row's
     * {@code udp.port} is 0), so no rule fires on 0; a missing value (NaN) never fires.
     */
    public record Rule(String name, String feature, DoublePredicate fires) {
    }

    /** The rules, each named after the attacks that plant its value. */
    public static final List<Rule> RULES = List.of(
        new Rule("SMB port 445 (Ransomware)", "tcp.dstport=445", v -> v == 1),
        new Rule("SMB port 445 answered (Ransomware)", "tcp.srcport=445", v -> v == 1),
        new Rule("FTP/SSH/Telnet port (Password, Fingerprinting)", "tcp.dstport=21..23", v -> v == 1),
        new Rule("FTP/SSH/Telnet port answered (Password)", "tcp.srcport=21..23", v -> v == 1),
        new Rule("TCP flags above PSH|ACK|FIN: URG, ECE or CWR (Fingerprinting)", "tcp.flags", v -> v > 25),
        new Rule("bare SYN (DDoS_TCP, Port_Scanning, Password)", "tcp.flags", v -> v == 2),
        new Rule("MQTT CONNECT flags 194: user name and password (Password)", "mqtt.conflags", v -> v == 194),
        new Rule("DNS name over 30 characters (MITM)", "dns.qry.name.len", v -> v > 30),
        new Rule("UDP to a port other than DNS (DDoS_UDP)", "udp.port", v -> v != 53 && v != 0),
        new Rule("TCP sequence number of 2,000,000 or more (Backdoor)", "tcp.seq", v -> v >= 2_000_000),
        new Rule("ICMP timestamp request (Fingerprinting)", "icmp.transmit_timestamp", v -> v > 0),
        new Rule("backdoor port 4444, 31337, 6667, 1337 or 5555 (Backdoor)", "tcp.dstport",
            v -> v == 4444 || v == 31337 || v == 6667 || v == 1337 || v == 5555),
        new Rule("web port no device serves: 8443, 8000 or 8888 (Vulnerability_scanner)", "tcp.dstport",
            v -> v == 8443 || v == 8000 || v == 8888));

    private final int[] columns;

    /** The rules over the given feature list; a rule whose feature is not in the list never fires. */
    public SignatureRules(List<String> featureNames) {
        columns = RULES.stream().mapToInt(r -> featureNames.indexOf(r.feature())).toArray();
    }

    @Override
    public boolean isAttack(DeviceRows device, int i) {
        return firstFiring(device, i) >= 0;
    }

    /** The index in {@link #RULES} of the first rule that fires on row {@code i}, or -1. */
    public int firstFiring(DeviceRows device, int i) {
        int offset = i * device.d();
        for (int r = 0; r < columns.length; r++) {
            if (columns[r] >= 0) {
                float v = device.x()[offset + columns[r]];
                if (!Float.isNaN(v) && RULES.get(r).fires().test(v)) {
                    return r;
                }
            }
        }
        return -1;
    }
}
