package lpdm.envs;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test env with scripted outputs: step t of an episode (t = 1, 2, ...) returns the observation
 * {@code {episode, t, t * t}}, reward {@code rewards[(t - 1) % rewards.length]}, terminates at step
 * {@code terminateAt} (0 = never) and records every action it is given. Reset returns
 * {@code {episode, 0, seed-dependent}}.
 */
public final class ScriptedEnv extends AbstractEnv {
    private final Space actionSpace;
    private final double[] rewards;
    private final int terminateAt;
    private final List<Object> actions = new ArrayList<>();
    private int episode = -1;
    private int t;
    private double startValue;

    public ScriptedEnv(Space actionSpace, double[] rewards, int terminateAt) {
        this.actionSpace = actionSpace;
        this.rewards = rewards.clone();
        this.terminateAt = terminateAt;
    }

    /** Every action received, as Integer or float[] (a copy). */
    public List<Object> actions() {
        return actions;
    }

    @Override
    public Space observationSpace() {
        return Box.uniform(-1e9f, 1e9f, 3);
    }

    @Override
    public Space actionSpace() {
        return actionSpace;
    }

    @Override
    protected float[] resetEpisode() {
        episode++;
        t = 0;
        startValue = rng.uniform(-1, 1);
        return observation();
    }

    @Override
    protected float[] setStateInternal(double[] state) {
        checkStateVector(state, "episode", "t");
        episode = (int) state[0];
        t = (int) state[1];
        return observation();
    }

    @Override
    public double[] state() {
        return new double[] {episode, t};
    }

    @Override
    public StepResult step(int action) {
        checkDiscrete(action);
        checkCanStep();
        actions.add(action);
        return advance();
    }

    @Override
    public StepResult step(float[] action) {
        if (!(actionSpace instanceof Box)) {
            throw new InvalidActionException("action " + java.util.Arrays.toString(action) + " is not valid for action space " + actionSpace);
        }
        checkContinuous(action);
        checkCanStep();
        actions.add(action.clone());
        return advance();
    }

    private StepResult advance() {
        t++;
        boolean terminated = terminateAt > 0 && t == terminateAt;
        return finish(new StepResult(observation(), rewards[(t - 1) % rewards.length], terminated, false, Map.of("t", t)));
    }

    private float[] observation() {
        return new float[] {episode, t, t == 0 ? (float) startValue : t * t};
    }

    @Override
    public BufferedImage render() {
        return new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
    }
}
