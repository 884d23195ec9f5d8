package lpdm.core.state;

/** Something whose state goes into checkpoints under a name prefix. */
public interface Stateful {
    void saveState(StateDict state, String prefix);

    void loadState(StateDict state, String prefix);
}
