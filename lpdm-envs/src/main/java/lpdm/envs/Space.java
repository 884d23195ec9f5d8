package lpdm.envs;


/** A set of observations or actions, as Gymnasium's spaces. */
public sealed interface Space permits Discrete, Box {

    /** The shape of one element (Discrete: empty, a scalar). */
    int[] shape();

    /** Number of float values needed to represent one element in a network (Discrete n: 1). */
    int flatSize();
}
