/** Named-array state for checkpoints. */
package lpdm.core.state;
