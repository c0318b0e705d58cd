package io.flead.bench.quality;

import static org.assertj.core.api.Assertions.assertThat;

import io.flead.model.EdgeIiotFeatures;
import io.flead.model.Eval;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureRulesTest {
    private static final List<String> NAMES = EdgeIiotFeatures.MODEL;

    /** One row with every feature missing (NaN) or 0 for indicators, then the given name/value pairs set. */
    private static float[] row(Object... pairs) {
        float[] x = new float[NAMES.size()];
        for (int j = 0; j < x.length; j++) {
            x[j] = NAMES.get(j).contains("=") ? 0f : Float.NaN;
        }
        for (int k = 0; k < pairs.length; k += 2) {
            x[NAMES.indexOf((String) pairs[k])] = ((Number) pairs[k + 1]).floatValue();
        }
        return x;
    }

    private static DeviceRows rows(byte[] y, float[]... xs) {
        int d = NAMES.size();
        float[] x = new float[xs.length * d];
        for (int i = 0; i < xs.length; i++) {
            System.arraycopy(xs[i], 0, x, i * d, d);
        }
        return new DeviceRows("device_1", xs.length, d, x, y);
    }

    @Test
    void eachPlantedValueFiresItsRuleAndOrdinaryTrafficFiresNone() {
        SignatureRules rules = new SignatureRules(NAMES);
        DeviceRows dev = rows(new byte[13],
            row("tcp.dstport=445", 1, "tcp.dstport", 445),
            row("tcp.srcport=21..23", 1),
            row("tcp.flags", 41),
            row("tcp.flags", 2),
            row("mqtt.conflags", 194),
            row("dns.qry.name.len", 43),
            row("udp.port", 40_000),
            row("tcp.seq", 2_300_000),
            row("icmp.transmit_timestamp", 1234),
            row("tcp.dstport", 31337),
            row("tcp.dstport", 8888),
            // ordinary: PSH|ACK to MQTT (its UDP and DNS fields absent, written as 0), a DNS query on port 53 for a short name, a clean MQTT CONNECT
            row("tcp.flags", 24, "tcp.dstport", 1883, "tcp.seq", 5000, "udp.port", 0, "dns.qry.name.len", 0),
            row("udp.port", 53, "dns.qry.name.len", 15, "mqtt.conflags", 2));
        int[] fired = new int[dev.n()];
        for (int i = 0; i < dev.n(); i++) {
            fired[i] = rules.firstFiring(dev, i);
        }
        assertThat(fired).containsExactly(0, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -1, -1);
    }

    @Test
    void aMissingValueOrAFeatureOutsideTheListNeverFires() {
        DeviceRows allMissing = rows(new byte[1], row());
        assertThat(new SignatureRules(NAMES).isAttack(allMissing, 0)).isFalse();
        List<String> onlyLength = List.of("tcp.len");
        DeviceRows dev = new DeviceRows("device_1", 1, 1, new float[] {2_500_000f}, new byte[1]);
        assertThat(new SignatureRules(onlyLength).isAttack(dev, 0)).isFalse();
    }

    @Test
    void countsAreSummedOverDevices() {
        SignatureRules rules = new SignatureRules(NAMES);
        DeviceRows a = rows(new byte[] {1, 0}, row("tcp.flags", 2), row("tcp.flags", 24));
        DeviceRows b = rows(new byte[] {1, 0}, row("tcp.flags", 24), row("tcp.seq", 3_000_000));
        Eval eval = rules.evaluate(List.of(a, b));
        assertThat(Arrays.asList(eval.tp(), eval.fp(), eval.tn(), eval.fn())).containsExactly(1L, 1L, 1L, 1L);
        assertThat(eval.f1()).isEqualTo(0.5);
    }
}
