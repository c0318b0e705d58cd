package io.flead.datagen;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/** Draws the fleet's device profiles from the configuration's seed: non-IID kinds, rates and baselines. */
final class DeviceProfiles {

    private static final long ATTACK_FREE_STREAM = -1;
    private static final long DRIFT_STREAM = -2;
    private static final String[] TOPICS = {
        "Temperature_and_Humidity", "Water_level", "Soil_Moisture", "Heart_Rate", "pH_Sensor", "Flame_Sensor",
        "Ultrasonic_Sensor", "Sound_Sensor", "IR_Receiver", "Distance", "Modbus/Holding_Registers"};
    private static final String[] DNS_NAMES = {
        "time.google.com", "pool.ntp.org", "broker.hivemq.com", "api.thingspeak.com", "mqtt.eclipseprojects.io",
        "firmware.vendor-iot.net", "cdn.cloudflare.net", "raw.githubusercontent.com", "updates.edge-iiot.local",
        "ocsp.digicert.com", "connectivitycheck.gstatic.com", "graph.microsoft.com"};

    private DeviceProfiles() {
    }

    /** The profiles of devices 1..N, in device order. */
    static List<DeviceProfile> fleet(GeneratorConfig config) {
        BitSet attackFree = chooseDevices(config, config.attackFree().resolve(config.devices()), ATTACK_FREE_STREAM);
        BitSet drifted = chooseDevices(config, config.driftDevices().resolve(config.devices()), DRIFT_STREAM);
        long fleetStart = config.start().getEpochSecond() * 1_000_000L + config.start().getNano() / 1000;
        List<DeviceProfile> profiles = new ArrayList<>(config.devices());
        for (int n = 1; n <= config.devices(); n++) {
            SplittableRandom rng = new SplittableRandom(Randoms.seedFor(config.seed(), n * 2L));
            profiles.add(profile(config, n, rng, fleetStart, attackFree.get(n), drifted.get(n)));
        }
        return profiles;
    }

    /** A seeded random choice of {@code count} device numbers (1-based). */
    private static BitSet chooseDevices(GeneratorConfig config, int count, long stream) {
        int[] numbers = new int[config.devices()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = i + 1;
        }
        SplittableRandom rng = new SplittableRandom(Randoms.seedFor(config.seed(), stream));
        BitSet chosen = new BitSet();
        for (int i = 0; i < count; i++) {
            int j = i + rng.nextInt(numbers.length - i);
            int swap = numbers[i];
            numbers[i] = numbers[j];
            numbers[j] = swap;
            chosen.set(numbers[i]);
        }
        return chosen;
    }

    private static DeviceProfile profile(GeneratorConfig config, int n, SplittableRandom rng, long fleetStart,
                                         boolean attackFree, boolean drifted) {
        DeviceKind kind = drawKind(rng);
        List<AttackType> exposed = drawAttacks(kind, rng);
        double share = Randoms.uniform(rng, 0.06, 0.42);
        boolean hard = config.difficulty() == Difficulty.HARD;
        // hard: every exposed type is possible, the Dirichlet weights decide which ones a device really sees
        List<AttackType> attacks = attackFree ? List.of() : hard ? kind.exposedAttacks() : exposed;
        double attackShare = attackFree ? 0 : share;
        double gapMillis = Math.exp(Randoms.uniform(rng, Math.log(kind.minGapMillis()), Math.log(kind.maxGapMillis())));
        String subnet = "192.168." + (n / 250 + 1) + ".";
        return new DeviceProfile(n, kind, subnet + (n % 250 + 2), "192.168.0." + (100 + rng.nextInt(60)),
            "192.168.0.1", "192.168.0." + (170 + rng.nextInt(20)), spoofPool(rng), attacks, attackShare,
            gapMillis * 1000, packetMix(kind, rng), Randoms.uniform(rng, 4, 40), Randoms.uniform(rng, 1, 6),
            Randoms.pick(rng, TOPICS), 1 + rng.nextInt(8), Randoms.uniform(rng, 2, 40),
            Randoms.uniform(rng, 2_000, 60_000), dnsNames(rng), servicePort(kind, rng),
            fleetStart + rng.nextLong(3_600_000_000L), drifted ? driftPlan(kind, rng) : null,
            hard ? HardTraits.draw(config, n, attacks) : null);
    }

    private static DeviceKind drawKind(SplittableRandom rng) {
        double u = rng.nextDouble();
        double cumulative = 0;
        for (DeviceKind kind : DeviceKind.values()) {
            cumulative += kind.fleetShare();
            if (u < cumulative) {
                return kind;
            }
        }
        return DeviceKind.EDGE_HUB;
    }

    private static List<AttackType> drawAttacks(DeviceKind kind, SplittableRandom rng) {
        List<AttackType> pool = new ArrayList<>(kind.exposedAttacks());
        int count = Math.min(pool.size(), 2 + rng.nextInt(5));
        List<AttackType> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            chosen.add(pool.remove(rng.nextInt(pool.size())));
        }
        chosen.sort(null);
        return List.copyOf(chosen);
    }

    private static double[] packetMix(DeviceKind kind, SplittableRandom rng) {
        NormalPacket[] packets = NormalPacket.values();
        double[] cumulative = new double[packets.length];
        double total = 0;
        for (int i = 0; i < packets.length; i++) {
            total += kind.weightOf(packets[i]) * Randoms.uniform(rng, 0.5, 1.5);
            cumulative[i] = total;
        }
        for (int i = 0; i < packets.length; i++) {
            cumulative[i] /= total;
        }
        return cumulative;
    }

    private static List<String> spoofPool(SplittableRandom rng) {
        List<String> ips = new ArrayList<>(32);
        for (int i = 0; i < 32; i++) {
            ips.add(Randoms.publicIp(rng));
        }
        return List.copyOf(ips);
    }

    private static List<String> dnsNames(SplittableRandom rng) {
        List<String> names = new ArrayList<>(List.of(DNS_NAMES));
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            chosen.add(names.remove(rng.nextInt(names.size())));
        }
        return List.copyOf(chosen);
    }

    private static int servicePort(DeviceKind kind, SplittableRandom rng) {
        return switch (kind) {
            case MQTT_SENSOR -> 1883;
            case MODBUS_CONTROLLER -> 502;
            case HTTP_CAMERA -> rng.nextBoolean() ? 80 : 8080;
            case DNS_GATEWAY -> 53;
            case EDGE_HUB -> 1883;
        };
    }

    private static DriftPlan driftPlan(DeviceKind kind, SplittableRandom rng) {
        List<String> pool = new ArrayList<>(kind.driftFeatures());
        int count = 1 + rng.nextInt(Math.min(3, pool.size()));
        List<String> features = new ArrayList<>();
        List<Double> sigmas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            features.add(pool.remove(rng.nextInt(pool.size())));
            sigmas.add(Math.round(Randoms.uniform(rng, 2.0, 3.0) * 100) / 100.0);
        }
        return new DriftPlan(features, sigmas);
    }
}
