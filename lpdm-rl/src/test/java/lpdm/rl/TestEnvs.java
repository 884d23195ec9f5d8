package lpdm.rl;

import java.awt.image.BufferedImage;
import java.util.List;
import lpdm.envs.AbstractEnv;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.EnvProvider;
import lpdm.envs.EnvSpec;
import lpdm.envs.Space;
import lpdm.envs.StepResult;

/** Envs for lpdm-rl's tests only: {@code NanAfter10-v0} returns a NaN observation on its 10th step. */
public final class TestEnvs implements EnvProvider {

    @Override
    public List<EnvSpec> specs() {
        return List.of(new EnvSpec("NanAfter10-v0", args -> new NanEnv(), 50, Double.NaN));
    }

    /** Two-component observation counting steps; the 10th step's observation is NaN. */
    static final class NanEnv extends AbstractEnv {
        private int steps;

        @Override
        public Space observationSpace() {
            return Box.uniform(-100, 100, 2);
        }

        @Override
        public Space actionSpace() {
            return new Discrete(2);
        }

        @Override
        protected float[] resetEpisode() {
            steps = 0;
            return new float[] {0, 0};
        }

        @Override
        protected float[] setStateInternal(double[] state) {
            steps = (int) state[0];
            return new float[] {steps, 0};
        }

        @Override
        public double[] state() {
            return new double[] {steps};
        }

        @Override
        public StepResult step(int action) {
            checkCanStep();
            steps++;
            float x = steps == 10 ? Float.NaN : steps;
            return finish(new StepResult(new float[] {x, action}, 1.0, false, false));
        }

        @Override
        public BufferedImage render() {
            return new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        }
    }
}
