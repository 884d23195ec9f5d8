/** Batches of environments stepped together (Gymnasium's vector API), with autoreset. */
package lpdm.envs.vector;
