package io.flead.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ClassMomentsTest {

    @Test
    void theDiscriminantIsTheClosedFormOfTheSharedDiagonalGaussianModel() {
        ClassMoments m = ClassMoments.empty(2);
        m.add(new double[] {2, 0}, 0, true);
        m.add(new double[] {4, 0}, 0, true);
        m.add(new double[] {0, 1}, 0, false);
        m.add(new double[] {0, 3}, 0, false);
        m.add(new double[] {0, 2}, 0, false);
        double[] theta = m.discriminant();
        // feature 0: means 3 and 0, within-class M2 2 + 0 over 5 rows; feature 1: means 0 and 2, M2 0 + 2
        double v0 = 2.0 / 5 + ClassMoments.SHRINKAGE;
        double v1 = 2.0 / 5 + ClassMoments.SHRINKAGE;
        assertThat(theta[0]).isCloseTo(3 / v0, within(1e-12));
        assertThat(theta[1]).isCloseTo(-2 / v1, within(1e-12));
        assertThat(theta[2]).isCloseTo(Math.log(2.0 / 3) - 0.5 * 9 / v0 + 0.5 * 4 / v1, within(1e-12));
    }

    @Test
    void pooledMomentsOfSplitWindowsEqualTheMomentsOfAllRowsAndSoDoTheirDiscriminants() {
        Random random = new Random(7);
        ClassMoments all = ClassMoments.empty(3);
        ClassMoments[] parts = {ClassMoments.empty(3), ClassMoments.empty(3), ClassMoments.empty(3)};
        for (int i = 0; i < 300; i++) {
            boolean attack = random.nextDouble() < 0.2;
            double[] row = {random.nextGaussian() + (attack ? 1.5 : 0), random.nextGaussian(), attack ? 1 : 0};
            all.add(row, 0, attack);
            parts[i % 3].add(row, 0, attack);
        }
        double[] pooled = parts[0].merge(parts[1]).merge(parts[2]).discriminant();
        assertThat(pooled).containsExactly(all.discriminant(), within(1e-9));
        assertThat(pooled[0]).as("the informative feature").isGreaterThan(Math.abs(pooled[1]));
    }

    @Test
    void aClassWithoutRowsDeterminesNoDiscriminantAndAFeatureSeenInOneClassOnlyGetsNoWeight() {
        ClassMoments normalOnly = ClassMoments.empty(2);
        normalOnly.add(new double[] {1, 1}, 0, false);
        assertThat(normalOnly.discriminant()).isNull();

        ClassMoments partial = ClassMoments.empty(2);
        partial.add(new double[] {1, Double.NaN}, 0, true);
        partial.add(new double[] {0, 5}, 0, false);
        assertThat(partial.discriminant()[1]).isZero();
        assertThat(partial.discriminant()[0]).isPositive();
    }

    @Test
    void momentsRoundTripThroughJsonAndRefuseMismatchedClasses() {
        ClassMoments m = ClassMoments.empty(2);
        m.add(new double[] {1, 2}, 0, true);
        m.add(new double[] {0, 1}, 0, false);
        assertThat(JsonCodec.decode(JsonCodec.encode(m), ClassMoments.class)).isEqualTo(m);
        assertThatThrownBy(() -> new ClassMoments(new FeatureStats(2), new FeatureStats(3)))
            .hasMessageContaining("class_moments");
    }
}
