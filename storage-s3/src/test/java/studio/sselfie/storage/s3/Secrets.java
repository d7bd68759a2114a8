package studio.sselfie.storage.s3;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Everything an exception could show a log: its message, toString and full stack trace with causes and suppressed. */
final class Secrets {
    private Secrets() {
    }

    static String everyTextOf(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return e + "\n" + text;
    }
}
