package lpdm.envs;

/** An action outside the env's action space or of the wrong type; the message names both. */
public class InvalidActionException extends IllegalArgumentException {
    /**
     * An invalid action.
     *
     * @param message names the action and the space
     */
    public InvalidActionException(String message) {
        super(message);
    }
}
