package studio.sselfie.storage.cli;

/** The exit codes of the {@code storage} command. */
final class ExitCodes {
    /** The command did what it was asked. */
    static final int OK = 0;
    /** {@code check} found differences ({@code cp} some objects it could not copy). */
    static final int DIFFERENCES = 1;
    /** The command line was wrong: unknown command or option, bad URI, missing argument. */
    static final int USAGE = 2;
    /** The store failed or refused: not found, access denied, unreachable, invalid key. */
    static final int STORE_ERROR = 3;

    private ExitCodes() {
    }
}
