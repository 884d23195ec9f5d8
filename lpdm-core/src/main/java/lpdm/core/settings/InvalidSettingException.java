package lpdm.core.settings;

/** A setting's text that its {@link Setting} does not accept: the message names the setting, the reason and the text. */
public class InvalidSettingException extends IllegalArgumentException {
    public InvalidSettingException(String message) {
        super(message);
    }
}
