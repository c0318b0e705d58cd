package io.flead.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --difficulty hard}: every value an attack plants also occurs in ordinary traffic (how often depends on the
 * device kind), training row counts have a long tail, and attack-type mixes are skewed per device; the standard
 * generator keeps none of that.
 */
class HardDifficultyTest {
    @TempDir
    static Path hardDir;
    @TempDir
    static Path standardDir;
    static GenerationReport hard;
    static List<String[]> hardNormal = new ArrayList<>();
    static List<String[]> standardNormal = new ArrayList<>();

    /** The planted values of the attacks, as the signature rules read them. */
    static final Map<String, Predicate<String[]>> PLANTED = Map.of(
        "SMB port 445", r -> num(r, "tcp.dstport") == 445 || num(r, "tcp.srcport") == 445,
        "login port 21..23", r -> between(num(r, "tcp.dstport"), 21, 23) || between(num(r, "tcp.srcport"), 21, 23),
        "URG/ECE/CWR flags", r -> num(r, "tcp.flags") > 25,
        "MQTT CONNECT flags 194", r -> num(r, "mqtt.conflags") == 194,
        "DNS name over 30 characters", r -> num(r, "dns.qry.name.len") > 30,
        "UDP off port 53", r -> num(r, "udp.port") != 0 && num(r, "udp.port") != 53,
        "TCP sequence of 2,000,000 or more", r -> num(r, "tcp.seq") >= 2_000_000,
        "ICMP timestamp", r -> num(r, "icmp.transmit_timestamp") > 0);

    @BeforeAll
    static void generate() {
        GeneratorConfig config = GeneratorConfig.defaults().withDevices(60).withRows(400).withHoldoutRows(0)
            .withSeed(5).withThreads(1);
        hard = DeviceDataGenerator.generate(config.withDifficulty(Difficulty.HARD), hardDir);
        GenerationReport standard = DeviceDataGenerator.generate(config, standardDir);
        hard.devices().forEach(d -> normalRows(hardDir.resolve(d.trainingFile()), hardNormal));
        standard.devices().forEach(d -> normalRows(standardDir.resolve(d.trainingFile()), standardNormal));
    }

    private static void normalRows(Path file, List<String[]> into) {
        DeviceFiles.rows(file).stream().filter(r -> DeviceFiles.text(r, "Attack_type").equals("Normal"))
            .forEach(into::add);
    }

    private static double num(String[] row, String column) {
        return DeviceFiles.number(row, column);
    }

    private static boolean between(double v, int low, int high) {
        return v >= low && v <= high;
    }

    @Test
    void everyPlantedValueAlsoOccursInOrdinaryTrafficOnlyWhenHard() {
        PLANTED.forEach((name, planted) -> {
            long inHard = hardNormal.stream().filter(planted).count();
            long inStandard = standardNormal.stream().filter(planted).count();
            assertThat(inHard).as(name + " in hard ordinary traffic").isGreaterThan(10);
            assertThat(inStandard).as(name + " in standard ordinary traffic").isLessThan(inHard / 5 + 1);
        });
    }

    @Test
    void trainingRowCountsHaveALongTailWhileHeldOutRowsStayFixed() {
        int[] rows = hard.devices().stream().mapToInt(DeviceSummary::trainingRows).sorted().toArray();
        assertThat(rows[0]).isLessThan(100);
        assertThat(rows[rows.length - 1]).isGreaterThan(1000);
        assertThat(rows[rows.length / 2]).isLessThan(400);
        assertThat(DeviceFiles.rows(hardDir.resolve(hard.devices().get(0).trainingFile())))
            .hasSize(hard.devices().get(0).trainingRows());
    }

    @Test
    void mostAttackedDevicesSeeOneOrTwoTypesForMostOfTheirAttacks() {
        long skewed = hard.devices().stream().filter(d -> d.trainingAttackRows() > 50).filter(d -> {
            List<Integer> counts = d.trainingLabels().entrySet().stream().filter(e -> !e.getKey().equals("Normal"))
                .map(Map.Entry::getValue).sorted((a, b) -> b - a).toList();
            int top2 = counts.get(0) + (counts.size() > 1 ? counts.get(1) : 0);
            return top2 >= 0.7 * d.trainingAttackRows();
        }).count();
        long attacked = hard.devices().stream().filter(d -> d.trainingAttackRows() > 50).count();
        assertThat(skewed).isGreaterThan(attacked / 2);
    }

    @Test
    void equalSeedsGiveIdenticalHardFiles(@TempDir Path again) throws Exception {
        DeviceDataGenerator.generate(GeneratorConfig.defaults().withDevices(60).withRows(400).withHoldoutRows(0)
            .withSeed(5).withThreads(3).withDifficulty(Difficulty.HARD), again);
        for (DeviceSummary d : hard.devices()) {
            assertThat(Files.mismatch(hardDir.resolve(d.trainingFile()), again.resolve(d.trainingFile())))
                .as(d.deviceId()).isEqualTo(-1L);
        }
    }

    @Test
    void theManifestNamesTheHardModeAndOnlyIt() throws Exception {
        assertThat(Files.readString(hardDir.resolve(DeviceDataGenerator.MANIFEST))).contains("\"difficulty\": \"hard\"");
        assertThat(Files.readString(standardDir.resolve(DeviceDataGenerator.MANIFEST))).doesNotContain("difficulty");
    }

    @Test
    void difficultyParsesWithItsNameInTheMessage() {
        assertThat(Difficulty.parse("HARD")).isEqualTo(Difficulty.HARD);
        assertThat(Difficulty.parse("standard")).isEqualTo(Difficulty.STANDARD);
        assertThatThrownBy(() -> Difficulty.parse("brutal"))
            .hasMessage("Invalid value 'brutal' for 'difficulty': must be standard or hard");
    }
}
