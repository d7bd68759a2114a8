package studio.sselfie.storage.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import studio.sselfie.storage.migration.Migration;
import studio.sselfie.storage.migration.MigrationInfo;
import studio.sselfie.storage.migration.MigrationListener;
import studio.sselfie.storage.migration.MigrationPlan;
import studio.sselfie.storage.migration.MigrationVersion;
import studio.sselfie.storage.migration.Migrator;
import studio.sselfie.storage.migration.Progress;

/**
 * {@code storage migrate info|plan|up|down|validate|repair --migrations PATH LOCATION}: the library's
 * {@link Migrator} on a store, with the migrations of the jars and class directories given (see
 * {@link MigrationLoader}); the same history, lock and backups as an app running them.
 */
@Command(name = "migrate", description = "Run or inspect versioned migrations of a store.",
        subcommands = {MigrateCommand.Info.class, MigrateCommand.Plan.class, MigrateCommand.Up.class,
                MigrateCommand.Down.class, MigrateCommand.Validate.class, MigrateCommand.Repair.class})
final class MigrateCommand {
    @ParentCommand
    StorageCli cli;

    /** What every migrate subcommand takes. */
    static final class Target {
        @Parameters(paramLabel = "LOCATION", description = "The store to migrate.")
        String location;

        @Option(names = "--migrations", required = true, paramLabel = "PATH", split = ",",
                description = "Jars or class directories holding the migrations (repeatable, or comma-separated).")
        List<Path> migrations;

        @Option(names = "--lock-wait", paramLabel = "SECONDS", description = "How long to wait for another runner's lock (default: 0).")
        long lockWait;

        <T> T with(StorageCli cli, MigrationListener listener, java.util.function.Function<Migrator, T> work) {
            Location where = Location.parse(location);
            if (!where.key().isEmpty()) {
                throw new IllegalArgumentException("migrations work on a whole store: give " + where.store() + " without a key");
            }
            List<Migration> found = MigrationLoader.load(migrations);
            if (found.isEmpty()) {
                throw new IllegalArgumentException("no migration found in " + migrations
                        + " (public classes implementing Migration with a public no-argument constructor)");
            }
            try (Stores stores = new Stores()) {
                Migrator migrator = Migrator.builder().backend(stores.open(where)).migrations(found)
                        .lockWait(Duration.ofSeconds(lockWait)).listener(listener).build();
                return work.apply(migrator);
            }
        }
    }

    abstract static class Sub implements Callable<Integer> {
        static final MigrationListener SILENT = new MigrationListener() {
        };

        @ParentCommand
        MigrateCommand migrate;

        @Mixin
        Target target;

        StorageCli cli() {
            return migrate.cli;
        }

        void printInfos(List<MigrationInfo> infos) {
            for (MigrationInfo info : infos) {
                if (cli().json) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("version", info.version().toString());
                    line.put("description", info.description());
                    line.put("state", info.state().name());
                    info.runStatus().ifPresent(status -> line.put("runStatus", status.name()));
                    line.put("objects", info.objects());
                    line.put("bytes", info.bytes());
                    info.appliedBy().ifPresent(by -> line.put("by", by));
                    info.appliedAt().ifPresent(at -> line.put("at", at.toString()));
                    info.lockHolder().ifPresent(holder -> line.put("lockHolder", holder));
                    info.leaseExpiresAt().ifPresent(expiry -> line.put("leaseExpiresAt", expiry.toString()));
                    info.error().ifPresent(error -> line.put("error", error));
                    cli().out.println(Json.line(line));
                } else {
                    cli().out.println(info);
                }
            }
        }

        /** Progress of the steps on stderr, unless quiet. */
        MigrationListener listener() {
            StorageCli cli = cli();
            return new MigrationListener() {
                @Override
                public void stepStarted(MigrationVersion version, boolean down, boolean resumed) {
                    if (!cli.quiet) {
                        cli.err.println((down ? "undoing " : "applying ") + version + (resumed ? " (resuming a crashed run)" : ""));
                    }
                }

                @Override
                public void progress(MigrationVersion version, Progress progress) {
                    if (!cli.quiet && !cli.json) {
                        cli.err.println("  " + version + " " + progress);
                    }
                }
            };
        }

        static MigrationVersion version(String text) {
            return text == null ? null : MigrationVersion.parse(text);
        }
    }

    @Command(name = "info", description = "Each migration's version, state, history and lock.")
    static final class Info extends Sub {
        @Override
        public Integer call() {
            printInfos(target.with(cli(), SILENT, Migrator::info));
            return ExitCodes.OK;
        }
    }

    @Command(name = "plan", description = "What up would do (a dry run): each step's operations.")
    static final class Plan extends Sub {
        @Option(names = "--target", paramLabel = "VERSION", description = "Plan up to this version (default: the latest).")
        String to;

        @Override
        public Integer call() {
            MigrationPlan plan = target.with(cli(), SILENT,
                    migrator -> to == null ? migrator.plan() : migrator.plan(version(to)));
            for (MigrationPlan.Step step : plan.steps()) {
                cli().out.println(step.version() + " " + step.description() + step.rejection().map(r -> " REJECTED: " + r).orElse(""));
                step.operations().forEach(operation -> cli().out.println("  " + operation));
            }
            return plan.isRejected() ? ExitCodes.DIFFERENCES : ExitCodes.OK;
        }
    }

    @Command(name = "up", description = "Apply the pending migrations (up to --target).")
    static final class Up extends Sub {
        @Option(names = "--target", paramLabel = "VERSION", description = "Apply up to this version (default: the latest).")
        String to;

        @Override
        public Integer call() {
            printInfos(target.with(cli(), listener(), migrator -> to == null ? migrator.migrate() : migrator.migrate(version(to))));
            return ExitCodes.OK;
        }
    }

    @Command(name = "down", description = "Undo applied migrations down to --target (exclusive).")
    static final class Down extends Sub {
        @Option(names = "--target", required = true, paramLabel = "VERSION", description = "Undo every version above this one (0 for all).")
        String to;

        @Override
        public Integer call() {
            printInfos(target.with(cli(), listener(), migrator -> migrator.undo(version(to))));
            return ExitCodes.OK;
        }
    }

    @Command(name = "validate", description = "Check the migrations against the store's history.")
    static final class Validate extends Sub {
        @Override
        public Integer call() {
            target.with(cli(), SILENT, migrator -> {
                migrator.validate();
                return null;
            });
            if (!cli().quiet) {
                cli().err.println("valid");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "repair", description = "Clear failed runs and a dead lock; realign recorded checksums.")
    static final class Repair extends Sub {
        @Override
        public Integer call() {
            target.with(cli(), SILENT, migrator -> {
                migrator.repair();
                return null;
            });
            if (!cli().quiet) {
                cli().err.println("repaired");
            }
            return ExitCodes.OK;
        }
    }
}
