/** Float32 row-major matrices and the kernels a multi-layer perceptron needs. */
package lpdm.core.tensor;
