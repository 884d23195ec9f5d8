package lpdm.envs.wrappers;

import lpdm.envs.Env;

/** Gymnasium's {@code ClipReward}: clips every reward into [minReward, maxReward] (either may be infinite). */
public final class ClipReward extends RewardWrapper {
    private final double minReward;
    private final double maxReward;

    public ClipReward(Env env, double minReward, double maxReward) {
        super(env);
        if (!(minReward <= maxReward)) {
            throw new IllegalArgumentException("ClipReward needs minReward <= maxReward, got " + minReward + " and " + maxReward);
        }
        this.minReward = minReward;
        this.maxReward = maxReward;
    }

    @Override
    protected double reward(double reward) {
        return Math.min(Math.max(reward, minReward), maxReward);
    }
}
