package lpdm.envs;

/**
 * Thrown when a registered env cannot run on this machine because something outside lpdm is
 * missing (for the MuJoCo envs: Debian's package libmujoco-dev). The message is one line that
 * names what to install.
 */
public class EnvUnavailableException extends IllegalStateException {
    public EnvUnavailableException(String message) {
        super(message);
    }

    public EnvUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
