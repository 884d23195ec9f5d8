package lpdm.core.nn;

import java.util.List;

/** Test access to the dense hidden layers of a {@link Network} built without convolutions. */
public final class DenseLayers {
    private DenseLayers() {
    }

    /** Hidden layer {@code l} of {@code net}, which must be dense. */
    public static Linear of(Network net, int l) {
        return (Linear) net.hiddenLayers().get(l).layer();
    }

    /** Every hidden layer of {@code net}, all of which must be dense. */
    public static List<Linear> all(Network net) {
        return net.hiddenLayers().stream().map(h -> (Linear) h.layer()).toList();
    }
}
