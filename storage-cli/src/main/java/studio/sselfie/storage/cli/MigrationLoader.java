package studio.sselfie.storage.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import studio.sselfie.storage.migration.Migration;

/**
 * The migrations in jars and class directories, as Flyway finds Java migrations: every public, concrete, top-level
 * class implementing {@link Migration} with a public no-argument constructor. Their own dependencies may sit beside
 * them in the same list; the storage API and migration-core come from the command.
 */
final class MigrationLoader {
    private MigrationLoader() {
    }

    /**
     * @throws IllegalArgumentException if a path does not exist, or a migration class cannot be created
     */
    static List<Migration> load(List<Path> paths) {
        List<URL> urls = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("--migrations " + path + ": no such jar or directory");
            }
            try {
                urls.add(path.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException("--migrations " + path + ": " + e.getMessage(), e);
            }
        }
        // Not closed: the migrations' classes load more classes while they run, after this method returns.
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), MigrationLoader.class.getClassLoader());
        List<Migration> migrations = new ArrayList<>();
        for (Path path : paths) {
            for (String className : classNames(path)) {
                Class<?> type;
                try {
                    type = Class.forName(className, false, loader);
                } catch (ClassNotFoundException | LinkageError e) {
                    continue; // not loadable without dependencies the user did not give: no migration of theirs
                }
                if (Migration.class.isAssignableFrom(type) && Modifier.isPublic(type.getModifiers())
                        && !Modifier.isAbstract(type.getModifiers()) && !type.isInterface()) {
                    migrations.add(create(type.asSubclass(Migration.class)));
                }
            }
        }
        migrations.sort(Comparator.comparing(Migration::version));
        return migrations;
    }

    private static Migration create(Class<? extends Migration> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("migration " + type.getName() + " needs a public no-argument constructor", e);
        }
    }

    private static List<String> classNames(Path path) {
        List<String> names = new ArrayList<>();
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.filter(file -> file.toString().endsWith(".class")).forEach(file ->
                            names.add(className(path.relativize(file).toString().replace(path.getFileSystem().getSeparator(), "/"))));
                }
            } else {
                try (JarFile jar = new JarFile(path.toFile())) {
                    jar.stream().map(JarEntry::getName).filter(name -> name.endsWith(".class"))
                            .forEach(name -> names.add(className(name)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        names.removeIf(name -> name.contains("$") || name.endsWith("module-info") || name.endsWith("package-info")
                || name.startsWith("META-INF"));
        return names;
    }

    private static String className(String entry) {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }
}
