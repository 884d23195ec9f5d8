/** Optimisers (Adam, SGD) that turn gradients into updates, and gradient clipping. */
package lpdm.core.optim;
