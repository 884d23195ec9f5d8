/**
 * MinAtar's five games (Asterix, Breakout, Freeway, Seaquest, SpaceInvaders) as {@link
 * lpdm.envs.minatar.MinAtarEnv}, registered by {@link lpdm.envs.minatar.MinAtarProvider} as
 * {@code MinAtar/<Game>-v0|v1}, exact to MinAtar 1.0.15 for the same seed and actions through a port
 * of numpy's legacy generator ({@link lpdm.envs.minatar.NumpyRandomState}); recordings of the
 * original replay through {@link lpdm.envs.minatar.MinAtarReplay}. See docs/minatar.md.
 */
package lpdm.envs.minatar;
