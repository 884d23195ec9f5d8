/** Ports of Gymnasium's classic-control environments. */
package lpdm.envs.classic;
