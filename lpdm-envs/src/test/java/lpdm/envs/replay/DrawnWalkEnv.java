package lpdm.envs.replay;

import java.awt.image.BufferedImage;
import java.util.List;
import lpdm.envs.AbstractEnv;
import lpdm.envs.Box;
import lpdm.envs.Discrete;
import lpdm.envs.EnvProvider;
import lpdm.envs.EnvSpec;
import lpdm.envs.Space;
import lpdm.envs.StepResult;

/**
 * A test env replayed from its random draws, like LunarLander-v3: reset draws the start position
 * uniform(-1, 1); every step draws a length uniform(0, 1) and walks left (action 0) or right
 * (action 1); it terminates when |position| > 2. Registered for tests only, as
 * {@code test/DrawnWalk-v0} with a limit of 10 steps.
 */
public final class DrawnWalkEnv extends AbstractEnv implements RandomDrawReplay {
    private double position;
    private double[] nextDraws;

    /** Registers {@code test/DrawnWalk-v0} (test class path only). */
    public static final class Provider implements EnvProvider {
        @Override
        public List<EnvSpec> specs() {
            return List.of(new EnvSpec("test/DrawnWalk-v0", args -> new DrawnWalkEnv(), 10, Double.NaN));
        }
    }

    @Override
    public Space observationSpace() {
        return Box.uniform(-100f, 100f, 1);
    }

    @Override
    public Space actionSpace() {
        return new Discrete(2);
    }

    @Override
    protected float[] resetEpisode() {
        position = rng.uniform(-1, 1);
        return new float[] {(float) position};
    }

    @Override
    public float[] resetFromDraws(double[] initialDraws) {
        position = initialDraws[0];
        return new float[] {(float) position};
    }

    @Override
    public void setNextStepDraws(double[] draws) {
        nextDraws = draws.clone();
    }

    @Override
    protected float[] setStateInternal(double[] state) {
        throw new UnsupportedOperationException("DrawnWalk cannot be set from a state vector");
    }

    @Override
    public double[] state() {
        return new double[] {position};
    }

    @Override
    public StepResult step(int action) {
        checkDiscrete(action);
        checkCanStep();
        double length = nextDraws != null ? nextDraws[0] : rng.uniform(0, 1);
        nextDraws = null;
        position += action == 1 ? length : -length;
        boolean terminated = Math.abs(position) > 2;
        return finish(new StepResult(new float[] {(float) position}, -Math.abs(position), terminated, false));
    }

    @Override
    public BufferedImage render() {
        return new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    }
}
