package io.flead.model.forest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsolationTreeTest {
    @Test
    void cOfNFollowsTheHarmonicFormula() {
        assertThat(PathLength.c(1)).isZero();
        assertThat(PathLength.c(2)).isEqualTo(1.0);
        // 2 H(255) - 2 * 255 / 256 with H(i) ~ ln(i) + gamma
        assertThat(PathLength.c(256)).isCloseTo(2 * (Math.log(255) + 0.5772156649) - 2 * 255.0 / 256, within(1e-9));
        assertThat(PathLength.c(256)).isCloseTo(10.24, within(0.01));
    }

    @Test
    void scoreIsOneHalfAtTheAveragePathAndNearOneForImmediateIsolation() {
        assertThat(PathLength.score(PathLength.c(256), 256)).isCloseTo(0.5, within(1e-12));
        assertThat(PathLength.score(0.0, 256)).isEqualTo(1.0);
        assertThat(PathLength.score(40.0, 256)).isLessThan(0.1);
    }

    @Test
    void pathLengthIsTheLeafDepthPlusCOfTheLeafSize() {
        // root splits feature 1 at 0.5; left is a leaf of 3 rows; right splits feature 0 at 2 into leaves of 1 and 4
        IsolationTree tree = new IsolationTree(new int[] {1, -1, 0, -1, -1}, new float[] {0.5f, 3, 2f, 1, 4});
        assertThat(tree.depth()).isEqualTo(2);
        assertThat(tree.pathLength(new double[] {9, 0.0}, 0)).isCloseTo(1 + PathLength.c(3), within(1e-12));
        assertThat(tree.pathLength(new double[] {1, 0.7}, 0)).isCloseTo(2 + PathLength.c(1), within(1e-12));
        assertThat(tree.pathLength(new double[] {5, 0.7}, 0)).isCloseTo(2 + PathLength.c(4), within(1e-12));
        assertThat(tree.pathLength(new double[] {0, 0, 5, 0.7}, 2)).isCloseTo(2 + PathLength.c(4), within(1e-12));
    }

    @Test
    void refusesArraysThatDoNotFormATree() {
        assertThatThrownBy(() -> new IsolationTree(new int[] {0, -1}, new float[] {1, 1}))
            .hasMessageContaining("without children");
        assertThatThrownBy(() -> new IsolationTree(new int[] {-1, -1}, new float[] {1, 1}))
            .hasMessageContaining("preorder ends at node 1 of 2");
        assertThatThrownBy(() -> new IsolationTree(new int[] {-1}, new float[] {1, 1}))
            .hasMessageContaining("one length");
    }

    @Test
    void grownTreesRespectTheDepthLimitAndHoldEveryRowInTheirLeaves() {
        double[] rows = gaussianRows(1000, 5, 3);
        TreeGrower grower = new TreeGrower(256);
        IsolationTree tree = grower.grow(rows, 1000, 5, new SplittableRandom(1));
        assertThat(tree.depth()).isLessThanOrEqualTo(8).isGreaterThan(4);
        double leafRows = 0;
        for (int i = 0; i < tree.nodes(); i++) {
            if (tree.featureAt(i) == IsolationTree.LEAF) {
                leafRows += tree.valueAt(i);
            }
        }
        assertThat(leafRows).isEqualTo(256);
    }

    @Test
    void isolatedPointsScoreHigherThanPointsInTheCrowd() {
        int d = 4;
        double[] rows = gaussianRows(2000, d, 5);
        List<IsolationTree> trees = new ArrayList<>();
        TreeGrower grower = new TreeGrower(256);
        SplittableRandom random = new SplittableRandom(9);
        for (int t = 0; t < 100; t++) {
            trees.add(grower.grow(rows, 2000, d, random));
        }
        ForestScorer scorer = ForestScorer.unweighted(trees, 256);
        double centre = scorer.score(new double[] {0, 0, 0, 0}, 0);
        double outlier = scorer.score(new double[] {6, 0, 0, 0}, 0);
        double farOutlier = scorer.score(new double[] {6, -6, 6, 0}, 0);
        assertThat(centre).isLessThan(0.5);
        assertThat(outlier).isGreaterThan(centre + 0.1);
        assertThat(farOutlier).isGreaterThan(outlier).isGreaterThan(0.6);
    }

    @Test
    void theSameSeedGrowsTheSameTree() {
        double[] rows = gaussianRows(500, 3, 1);
        TreeGrower grower = new TreeGrower(64);
        assertThat(grower.grow(rows, 500, 3, new SplittableRandom(4)))
            .isEqualTo(grower.grow(rows, 500, 3, new SplittableRandom(4)))
            .isNotEqualTo(grower.grow(rows, 500, 3, new SplittableRandom(5)));
    }

    static double[] gaussianRows(int n, int d, long seed) {
        Random random = new Random(seed);
        double[] rows = new double[n * d];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = random.nextGaussian();
        }
        return rows;
    }
}
