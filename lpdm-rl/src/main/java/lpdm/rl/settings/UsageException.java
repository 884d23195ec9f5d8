package lpdm.rl.settings;

/** Bad user input (unknown setting, malformed value): the message is one line naming the problem. */
public class UsageException extends IllegalArgumentException {
    /**
     * Bad user input.
     *
     * @param message one line naming the problem (the command line prints it after {@code lpdm: })
     */
    public UsageException(String message) {
        super(message);
    }
}
