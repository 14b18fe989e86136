package org.baihua.core.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.baihua.core.encoder.Pooling;
import org.baihua.core.training.nn.MatrixOps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Finite-difference checks of the encoder's backward pass on a tiny random BERT (2 layers, hidden
 * 16, 2 heads), through a loss {@code Σ c · vector} over the L2-normalised sentence vectors of a
 * padded batch.
 */
class BertGradientCheckTest {

    private static final double STEP = 1e-2;

    private final MatrixOps ops = new MatrixOps(1);

    @AfterEach
    void close() {
        ops.close();
    }

    static BertConfig tiny(Pooling pooling) {
        return new BertConfig(23, 16, 2, 2, 32, 12, 2, 1e-12f, pooling);
    }

    /** Three texts of 5, 7 and 4 tokens padded to 7; the second one has token type 1 in its tail. */
    static TokenBatch batch() {
        TokenBatch padded = TokenBatch.pad(new int[][] {
                {1, 5, 9, 13, 2}, {1, 7, 7, 4, 19, 11, 2}, {1, 22, 3, 2}}, 0);
        padded.types()[1][5] = 1;
        padded.types()[1][6] = 1;
        return padded;
    }

    private static float[][] coefficients(int texts, int h, long seed) {
        Random random = new Random(seed);
        float[][] c = new float[texts][h];
        for (float[] row : c) {
            for (int j = 0; j < h; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return c;
    }

    private static double loss(float[][] pooled, float[][] c) {
        double sum = 0;
        for (int b = 0; b < pooled.length; b++) {
            for (int j = 0; j < pooled[b].length; j++) {
                sum += (double) pooled[b][j] * c[b][j];
            }
        }
        return sum;
    }

    @ParameterizedTest
    @EnumSource(Pooling.class)
    void everyParameterGradientMatchesFiniteDifferences(Pooling pooling) {
        BertWeights weights = BertWeights.random(tiny(pooling), new Random(7));
        // larger weights than BERT's 0.02 so attention and GELU work away from their linear regime
        for (Tensor t : weights.all()) {
            if (t.decay()) {
                scale(t, 20f);
            }
        }
        BertEncoder encoder = new BertEncoder(weights, ops);
        TokenBatch batch = batch();
        float[][] c = coefficients(batch.size(), 16, 3);
        encoder.backward(encoder.forward(batch), c, true);

        Random pick = new Random(11);
        for (Tensor t : weights.all()) {
            int checked = 0;
            for (int attempt = 0; attempt < 40 && checked < 6; attempt++) {
                int r = pick.nextInt(t.data().length);
                int col = pick.nextInt(t.data()[0].length);
                if (t == weights.words() && !used(batch, r)) {
                    continue; // a row no text uses has no gradient to check (asserted separately)
                }
                if (t == weights.positions() && r >= batch.length()) {
                    continue;
                }
                double analytic = t.grad()[r][col];
                double numeric = numeric(encoder, batch, c, t, r, col);
                assertThat(analytic)
                        .as("%s[%d][%d] (%s pooling)", t.name(), r, col, pooling)
                        .isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-3 + 0.03 * Math.abs(numeric)));
                checked++;
            }
            assertThat(checked).as("entries checked in %s", t.name()).isPositive();
        }
    }

    @Test
    void paddingNeitherChangesTheVectorsNorReceivesGradient() {
        BertWeights weights = BertWeights.random(tiny(Pooling.MEAN), new Random(5));
        BertEncoder encoder = new BertEncoder(weights, ops);
        TokenBatch batch = batch();
        float[][] before = encoder.embed(batch);
        // other ids and types in the padded tail of the third text
        for (int i = 4; i < batch.length(); i++) {
            batch.ids()[2][i] = 17;
            batch.types()[2][i] = 1;
        }
        float[][] after = encoder.embed(batch);
        assertThat(after[2]).containsExactly(before[2]);
        // the same text alone, unpadded, gets the same vector up to rounding
        float[][] alone = encoder.embed(TokenBatch.pad(new int[][] {{1, 22, 3, 2}}, 0));
        for (int j = 0; j < 16; j++) {
            assertThat(alone[0][j]).isCloseTo(before[2][j], org.assertj.core.data.Offset.offset(1e-6f));
        }
        encoder.backward(encoder.forward(batch), coefficients(3, 16, 1), true);
        assertThat(weights.words().grad()[17]).containsOnly(0f);
    }

    @Test
    void inputGradientOfTheTopLayersMatchesFiniteDifferences() {
        BertWeights weights = BertWeights.random(tiny(Pooling.MEAN), new Random(9));
        for (Tensor t : weights.all()) {
            if (t.decay()) {
                scale(t, 20f);
            }
        }
        BertEncoder encoder = new BertEncoder(weights, ops);
        TokenBatch batch = batch();
        float[][] input = encoder.forward(batch, 0, null, 1).output();
        float[][] c = coefficients(batch.size(), 16, 4);
        float[][] dInput = encoder.backward(encoder.forward(batch, 1, copy(input), 2), c, false);
        Random pick = new Random(2);
        for (int n = 0; n < 20; n++) {
            int b = pick.nextInt(batch.size());
            int i = pick.nextInt(batch.length());
            int row = b * batch.length() + i;
            int col = pick.nextInt(16);
            float[][] plus = copy(input);
            plus[row][col] += (float) STEP;
            float[][] minus = copy(input);
            minus[row][col] -= (float) STEP;
            double numeric = (loss(encoder.forward(batch, 1, plus, 2).pooled(), c)
                    - loss(encoder.forward(batch, 1, minus, 2).pooled(), c)) / (2 * STEP);
            assertThat((double) dInput[row][col]).as("d/d input[%d][%d]", row, col)
                    .isCloseTo(numeric, org.assertj.core.data.Offset.offset(2e-3 + 0.03 * Math.abs(numeric)));
            if (batch.mask()[b][i] == 0) {
                assertThat(dInput[row][col]).as("padded position").isZero();
            }
        }
    }

    private static double numeric(BertEncoder encoder, TokenBatch batch, float[][] c, Tensor t, int r, int col) {
        float original = t.data()[r][col];
        t.data()[r][col] = (float) (original + STEP);
        encoder.weightsChanged();
        double plus = loss(encoder.embed(batch), c);
        t.data()[r][col] = (float) (original - STEP);
        encoder.weightsChanged();
        double minus = loss(encoder.embed(batch), c);
        t.data()[r][col] = original;
        encoder.weightsChanged();
        return (plus - minus) / (2 * STEP);
    }

    private static boolean used(TokenBatch batch, int id) {
        for (int b = 0; b < batch.size(); b++) {
            for (int i = 0; i < batch.length(); i++) {
                if (batch.mask()[b][i] != 0 && batch.ids()[b][i] == id) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void scale(Tensor t, float factor) {
        for (float[] row : t.data()) {
            for (int j = 0; j < row.length; j++) {
                row[j] *= factor;
            }
        }
    }

    private static float[][] copy(float[][] x) {
        float[][] y = new float[x.length][];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i].clone();
        }
        return y;
    }
}
