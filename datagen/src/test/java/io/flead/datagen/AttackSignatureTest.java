package io.flead.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each attack type shifts its own features away from ordinary traffic, as documented in the README. */
class AttackSignatureTest {

    @TempDir
    static Path dir;
    static List<String[]> rows = new ArrayList<>();

    @BeforeAll
    static void generate() {
        GenerationReport report = DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(150)
            .withRows(400).withHoldoutRows(0).withSeed(3), dir);
        report.devices().forEach(d -> rows.addAll(DeviceFiles.rows(dir.resolve(d.trainingFile()))));
    }

    @Test
    void udpFloodsArriveFasterOnMoreVariedPortsThanOrdinaryUdp() {
        Predicate<String[]> udp = r -> DeviceFiles.number(r, "udp.port") > 0;
        assertThat(median(of("DDoS_UDP", udp), "udp.time_delta")).isLessThan(median(of("Normal", udp), "udp.time_delta") / 5);
        assertThat(mean(of("DDoS_UDP", udp), "udp.port")).isGreaterThan(10 * mean(of("Normal", udp), "udp.port"));
    }

    @Test
    void portScansAreSynsToManyPorts() {
        List<String[]> scan = of("Port_Scanning", r -> true);
        assertThat(mean(scan, "tcp.connection.syn")).isGreaterThan(0.6);
        assertThat(scan.stream().map(r -> DeviceFiles.text(r, "tcp.dstport")).distinct().count()).isGreaterThan(200);
        assertThat(mean(of("Normal", r -> true), "tcp.connection.syn")).isLessThan(0.05);
    }

    @Test
    void webAttacksLengthenHttpRequests() {
        Predicate<String[]> request = r -> !DeviceFiles.text(r, "http.request.method").equals("0");
        double normal = mean(of("Normal", request), "tcp.len");
        for (String attack : List.of("SQL_injection", "XSS", "DDoS_HTTP", "Vulnerability_scanner")) {
            assertThat(mean(of(attack, request), "tcp.len")).as(attack).isGreaterThan(normal + 80);
        }
    }

    @Test
    void uploadsCarryHugeContentLengthsAndBackdoorsLongSessions() {
        Predicate<String[]> withLength = r -> DeviceFiles.number(r, "http.content_length") > 0;
        assertThat(mean(of("Uploading", withLength), "http.content_length"))
            .isGreaterThan(10 * mean(of("Normal", withLength), "http.content_length"));
        Predicate<String[]> tcp = r -> DeviceFiles.number(r, "tcp.flags") > 0;
        assertThat(median(of("Backdoor", tcp), "tcp.seq")).isGreaterThan(1_000_000);
        assertThat(median(of("Normal", tcp), "tcp.seq")).isLessThan(100_000);
    }

    @Test
    void mitmAndFingerprintingUseTheirOwnProtocolMarks() {
        Predicate<String[]> any = r -> true;
        double mitmMarks = of("MITM", any).stream().filter(r -> DeviceFiles.number(r, "arp.opcode") == 2
            || DeviceFiles.number(r, "dns.retransmission") == 1).count() / (double) of("MITM", any).size();
        assertThat(mitmMarks).isGreaterThan(0.5);
        double oddFlags = of("Fingerprinting", any).stream().filter(r -> DeviceFiles.number(r, "tcp.flags") > 24
            || DeviceFiles.number(r, "icmp.transmit_timestamp") > 0).count() / (double) of("Fingerprinting", any).size();
        assertThat(oddFlags).isGreaterThan(0.6);
        List<String[]> normal = of("Normal", any);
        long normalTimestamps = normal.stream().filter(r -> DeviceFiles.number(r, "icmp.transmit_timestamp") > 0)
            .count();
        assertThat((double) normalTimestamps / normal.size()).as("only flipped labels").isLessThan(0.001);
    }

    private static List<String[]> of(String type, Predicate<String[]> filter) {
        List<String[]> selected = rows.stream()
            .filter(r -> DeviceFiles.text(r, "Attack_type").equals(type)).filter(filter).toList();
        assertThat(selected).as(type + " rows").hasSizeGreaterThan(20);
        return selected;
    }

    private static double mean(List<String[]> selected, String column) {
        return selected.stream().mapToDouble(r -> DeviceFiles.number(r, column)).average().orElseThrow();
    }

    private static double median(List<String[]> selected, String column) {
        double[] values = selected.stream().mapToDouble(r -> DeviceFiles.number(r, column)).toArray();
        Arrays.sort(values);
        return values[values.length / 2];
    }
}
