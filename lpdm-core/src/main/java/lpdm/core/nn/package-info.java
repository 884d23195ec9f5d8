/** Layers, activations, multi-layer perceptrons and their initialisation. */
package lpdm.core.nn;
