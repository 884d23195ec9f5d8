/** Action distributions (categorical, diagonal Gaussian) with the gradients policy losses need. */
package lpdm.core.dist;
