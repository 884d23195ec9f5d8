package lpdm.rl.settings;

/** Bad user input (unknown setting, malformed value): the message is one line naming the problem. */
public class UsageException extends IllegalArgumentException {
    public UsageException(String message) {
        super(message);
    }
}
