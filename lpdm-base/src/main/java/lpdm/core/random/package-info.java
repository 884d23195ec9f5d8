/** Seeded, checkpointable random generators, split per component. */
package lpdm.core.random;
