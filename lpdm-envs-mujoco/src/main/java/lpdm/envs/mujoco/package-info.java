/**
 * Gymnasium's MuJoCo v5 tasks (InvertedPendulum, InvertedDoublePendulum, HalfCheetah, Hopper,
 * Walker2d, Reacher, Ant) on the MuJoCo C library (Debian's libmujoco-dev, 2.2.2), driven through
 * a small JNI binding compiled during the build; the tasks extend
 * {@link lpdm.envs.mujoco.MujocoEnv}. See docs/mujoco.md.
 */
package lpdm.envs.mujoco;
