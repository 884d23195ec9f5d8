package lpdm.envs;

/**
 * Thrown when a registered env cannot run on this machine because something outside lpdm is
 * missing (for the MuJoCo envs: Debian's package libmujoco-dev). The message is one line that
 * names what to install.
 */
public class EnvUnavailableException extends IllegalStateException {
    /**
     * @param message one line naming the env, what is missing and how to install it
     */
    public EnvUnavailableException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the env, what is missing and how to install it
     * @param cause the failure that showed it missing (e.g. the native loader's error)
     */
    public EnvUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
