package lpdm.envs;


/** A set of observations or actions, as Gymnasium's spaces. */
public sealed interface Space permits Discrete, Box {

    /**
     * The shape of one element.
     *
     * @return the dimensions (Discrete: none, a scalar)
     */
    int[] shape();

    /**
     * The number of float values that represent one element in a network.
     *
     * @return the number of values (Discrete: 1)
     */
    int flatSize();
}
