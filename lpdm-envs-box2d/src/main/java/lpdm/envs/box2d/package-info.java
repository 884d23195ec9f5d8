/**
 * Gymnasium's Box2D environments on jbox2d: {@link lpdm.envs.box2d.LunarLanderEnv}
 * (LunarLander-v3, LunarLanderContinuous-v3) and {@link lpdm.envs.box2d.BipedalWalkerEnv}
 * (BipedalWalker-v3, BipedalWalkerHardcore-v3), registered through {@link
 * lpdm.envs.box2d.Box2dProvider}. Random draws are injectable ({@link
 * lpdm.envs.box2d.RandomDraws}), which {@link lpdm.envs.box2d.LunarLanderReplay} uses to replay
 * recordings of Gymnasium; {@link lpdm.envs.box2d.Box2dSupport} lists how jbox2d is brought in
 * line with Gymnasium's Box2D 2.3; lpdm-bench's EnvStepBenchmark measures their steps per second.
 */
package lpdm.envs.box2d;
