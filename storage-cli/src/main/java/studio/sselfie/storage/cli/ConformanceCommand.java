package studio.sselfie.storage.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import studio.sselfie.storage.StorageBackend;

/**
 * {@code storage conformance LOCATION}: runs the conformance kit against an existing store, each test under a fresh
 * prefix of a random run prefix (so a bucket in use is safe), with the capabilities the backend declares, deletes
 * everything it wrote, and reports per category each behaviour passed, failed (with the assertion's message) or
 * skipped (with the reason): Markdown, or JSON with {@code --json}. Exit code 1 when any behaviour failed.
 */
@Command(name = "conformance", description = "Run the conformance kit against a store; report each behaviour.")
final class ConformanceCommand implements Callable<Integer> {
    @ParentCommand
    StorageCli cli;

    @Parameters(paramLabel = "LOCATION", description = "Store (and a prefix to work under), e.g. s3://bucket/tmp/?region=...")
    String location;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the report to FILE.")
    Path reportFile;

    @Override
    public Integer call() {
        Location where = Location.parse(location);
        String base = where.key().isEmpty() || where.key().endsWith("/") ? where.key() : where.key() + "/";
        String runPrefix = base + "conformance-" + UUID.randomUUID().toString().substring(0, 8) + "/";
        ConformanceReport report;
        try (Stores stores = new Stores(); Progress progress = Progress.start(cli, "conformance")) {
            StorageBackend store = stores.open(where);
            report = new ConformanceReport(progress);
            CliConformanceSuite.run(new CliConformanceSuite.Target(store, runPrefix));
            try {
                Launcher launcher = LauncherFactory.create();
                launcher.execute(LauncherDiscoveryRequestBuilder.request()
                        .selectors(selectClass(CliConformanceSuite.class)).build(), report);
            } finally {
                CliConformanceSuite.run(null);
                sweep(store, runPrefix);
            }
        }
        String rendered = cli.json ? Json.line(report.json(where.toString())) : report.markdown(where.toString());
        cli.out.println(rendered);
        if (reportFile != null) {
            try {
                Files.writeString(reportFile, rendered, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the report to " + reportFile, e);
            }
        }
        if (!cli.quiet && !cli.json) {
            cli.err.println(report.count(ConformanceReport.Outcome.PASSED) + " passed, "
                    + report.count(ConformanceReport.Outcome.FAILED) + " failed, "
                    + report.count(ConformanceReport.Outcome.SKIPPED) + " skipped");
        }
        return report.count(ConformanceReport.Outcome.FAILED) == 0 ? ExitCodes.OK : ExitCodes.DIFFERENCES;
    }

    // Whatever a test left (one that closed its view cannot clean up through it) goes with the run's prefix.
    private static void sweep(StorageBackend store, String runPrefix) {
        RmCommand.deletePrefix(store, runPrefix, result -> { });
    }
}
