package studio.sselfie.storage.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import studio.sselfie.storage.StorageException;
import studio.sselfie.storage.migration.MigrationException;

/**
 * The {@code storage} command: browse, copy, check and sign requests on any store the SDK opens ({@code mem://},
 * {@code s3://}, {@code minio://}). Exit codes: 0 done, 1 differences found, 2 usage error, 3 store error (see
 * {@link ExitCodes}). Errors are one line naming the store, the key and the cause; stack traces only with
 * {@code --verbose}. Credentials come from the environment and the backends' usual sources only.
 */
@Command(name = "storage", mixinStandardHelpOptions = true, version = "storage 0.1.0-SNAPSHOT",
        description = "Browse, copy, check, sign requests, migrate and test any store: mem://, s3://, minio://.",
        subcommands = {LsCommand.class, StatCommand.class, CatCommand.class, GetCommand.class, PutCommand.class,
                RmCommand.class, CpCommand.class, CheckCommand.class, PresignCommand.class, ConformanceCommand.class,
                MigrateCommand.class},
        footer = {"", "Locations: s3://bucket/key?endpoint=...&region=...&pathStyle=true, minio://bucket/key?endpoint=...,"
                + " mem://name/key. Credentials from the environment (AWS_ACCESS_KEY_ID, MINIO_ACCESS_KEY, ...),"
                + " never from the command line.",
                "Exit codes: 0 done, 1 differences found, 2 usage error, 3 store error."})
public final class StorageCli {
    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable output (JSON lines).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "No progress, no summary.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Stack traces with errors.")
    boolean verbose;

    final PrintStream out;
    final PrintStream err;
    final boolean terminal;

    StorageCli(PrintStream out, PrintStream err, boolean terminal) {
        this.out = Objects.requireNonNull(out, "out is null");
        this.err = Objects.requireNonNull(err, "err is null");
        this.terminal = terminal;
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, System.console() != null));
    }

    /** Runs {@code args} printing to {@code out} and {@code err}; returns the exit code. For tests and embedding. */
    static int run(String[] args, PrintStream out, PrintStream err, boolean terminal) {
        StorageCli cli = new StorageCli(out, err, terminal);
        CommandLine command = new CommandLine(cli);
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        command.setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
            String name = commandLine.getCommandName();
            if (cli.verbose) {
                failure.printStackTrace(err);
            }
            if (failure instanceof StorageException || failure instanceof MigrationException) {
                err.println("storage " + name + ": " + failure.getMessage());
                return ExitCodes.STORE_ERROR;
            }
            if (failure instanceof IllegalArgumentException) {
                err.println("storage " + name + ": " + failure.getMessage());
                err.println("Try 'storage " + name + " --help'.");
                return ExitCodes.USAGE;
            }
            if (failure instanceof UncheckedIOException) {
                err.println("storage " + name + ": " + failure.getMessage() + ": " + failure.getCause().getMessage());
                return ExitCodes.STORE_ERROR;
            }
            err.println("storage " + name + ": " + failure + (cli.verbose ? "" : " (--verbose shows where)"));
            return ExitCodes.STORE_ERROR;
        });
        return command.execute(args);
    }
}
