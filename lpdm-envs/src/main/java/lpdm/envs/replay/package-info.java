/** Replays recorded action sequences from given start states (the {@code lpdm replay} format). */
package lpdm.envs.replay;
