package lpdm.envs;

import java.awt.image.BufferedImage;

/** Base of all wrappers: forwards everything to the wrapped env; subclasses override one hook. */
public abstract class Wrapper implements Env {
    /** The wrapped env. */
    protected final Env env;

    /**
     * Wraps {@code env}.
     *
     * @param env the env to forward to
     */
    protected Wrapper(Env env) {
        this.env = env;
    }

    /**
     * The env directly inside this wrapper.
     *
     * @return the wrapped env
     */
    public Env inner() {
        return env;
    }

    @Override
    public EnvSpec spec() {
        return env.spec();
    }

    @Override
    public Space observationSpace() {
        return env.observationSpace();
    }

    @Override
    public Space actionSpace() {
        return env.actionSpace();
    }

    @Override
    public float[] reset(long seed) {
        return env.reset(seed);
    }

    @Override
    public float[] reset() {
        return env.reset();
    }

    @Override
    public StepResult step(int action) {
        return env.step(action);
    }

    @Override
    public StepResult step(float[] action) {
        return env.step(action);
    }

    @Override
    public double[] state() {
        return env.state();
    }

    @Override
    public float[] setState(double[] state) {
        return env.setState(state);
    }

    @Override
    public BufferedImage render() {
        return env.render();
    }

    @Override
    public Env unwrapped() {
        return env.unwrapped();
    }

    /**
     * Saves the wrapped env's state under {@code prefix + ">"} (one level deeper per wrapper) and,
     * for a wrapper with {@link WrapperStatistics}, those under {@code prefix + ".stats"}.
     * Wrappers with other state of their own extend this.
     */
    @Override
    public void saveState(lpdm.core.state.StateDict state, String prefix) {
        env.saveState(state, prefix + ">");
        if (this instanceof WrapperStatistics s) {
            state.putDoubles(prefix + ".stats", s.saveState());
        }
    }

    @Override
    public void loadState(lpdm.core.state.StateDict state, String prefix) {
        env.loadState(state, prefix + ">");
        if (this instanceof WrapperStatistics s) {
            s.loadState(state.doubles(prefix + ".stats"));
        }
    }

    @Override
    public void close() {
        env.close();
    }
}
