package lpdm.envs;

/**
 * Thrown when a registered env cannot run on this machine because something outside lpdm is
 * missing (for the MuJoCo envs: Debian's package libmujoco-dev). The message is one line that
 * names what to install.
 */
public class EnvUnavailableException extends IllegalStateException {
    /**
     * @param message one line naming what to install
     */
    public EnvUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message one line naming what to install
     * @param cause the error that showed it missing
     */
    public EnvUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
