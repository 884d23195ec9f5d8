/** The environment API (Gymnasium's contract), spaces, registry and wrappers. */
package lpdm.envs;
