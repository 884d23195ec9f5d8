package lpdm.lab.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The reason of an I/O error in words. Java's file-system exceptions often carry only the path as
 * their message ("failed: /proc/x"); the reason (permission denied, name too long, no space left,
 * not a directory) is in {@link FileSystemException#getReason()} or in the exception's type.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** "PATH: reason" for a file-system error, else the message (or the type's name if none). */
    public static String reason(Throwable e) {
        if (e instanceof FileSystemException f) {
            String where = f.getFile() == null ? "" : f.getFile() + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile()) + ": ";
            return where + why(e);
        }
        return why(e);
    }

    /** The reason alone, without the path ("permission denied"), for messages that name the file already. */
    public static String why(Throwable e) {
        if (e instanceof FileSystemException f) {
            String why = f.getReason();
            return lowerFirst(why == null || why.isBlank() ? byType(f) : why);
        }
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return msg;
    }

    private static String byType(FileSystemException f) {
        if (f instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (f instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (f instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (f instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (f instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return f.getClass().getSimpleName();
    }

    private static String lowerFirst(String s) {
        return s.length() > 1 && Character.isUpperCase(s.charAt(0)) && Character.isLowerCase(s.charAt(1))
                ? Character.toLowerCase(s.charAt(0)) + s.substring(1) : s;
    }

    /** An {@link IOException} whose message is "what: reason", the original as its cause. */
    public static IOException wrap(String what, IOException e) {
        return new IOException(what + ": " + reason(e), e);
    }
}
