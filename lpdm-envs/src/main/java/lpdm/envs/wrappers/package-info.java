/**
 * Gymnasium's common wrappers (episode statistics, clipping, running normalisation, transforms);
 * the registry's {@link lpdm.envs.TimeLimit} lives in {@code lpdm.envs}.
 */
package lpdm.envs.wrappers;
