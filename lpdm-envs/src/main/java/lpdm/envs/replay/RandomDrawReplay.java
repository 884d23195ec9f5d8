package lpdm.envs.replay;

/**
 * Implemented by an (unwrapped) env whose start cannot be set from a state vector, such as
 * LunarLander-v3: its episodes are replayed by feeding it the random numbers it drew, as the
 * golden files record them (see the replay format in {@code docs/interfaces.md}).
 */
public interface RandomDrawReplay {

    /**
     * Starts an episode that uses {@code initialDraws} in place of the draws {@code reset} makes
     * from its generator, and returns the first observation. The replay engine calls
     * {@code reset(resetSeed)} on the wrapped env just before, so wrappers start a fresh episode.
     */
    float[] resetFromDraws(double[] initialDraws);

    /** Makes the next {@code step} use {@code draws} in place of the draws it makes from its generator. */
    void setNextStepDraws(double[] draws);
}
