package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import studio.sselfie.storage.StorageBackend;
import studio.sselfie.storage.inmemory.InMemoryStorageBackend;

/**
 * The same migration source compiled twice, as a rebuild by another JDK or with other flags does it, into class files
 * that differ, each loaded by its own class loader: what {@code validate()} sees after an innocent rebuild.
 */
class ChecksumRebuildTest {
    private static final String PACKAGE = "rebuilt";

    @TempDir
    Path dir;

    private final InMemoryStorageBackend store = InMemoryStorageBackend.create();

    private static String source(String className, String checksumMethod) {
        return "package " + PACKAGE + ";\n"
                + "import studio.sselfie.storage.migration.*;\n"
                + "public final class " + className + " extends BaseMigration {\n"
                + "    @Override\n"
                + "    public void up(MigrationContext context) {\n"
                + "        context.store().put(\"done.txt\", \"applied\");\n"
                + "    }\n"
                + checksumMethod
                + "}\n";
    }

    private static String declaring(String checksum) {
        return "    @Override\n"
                + "    public java.util.Optional<String> checksum() {\n"
                + "        return java.util.Optional.of(\"" + checksum + "\");\n"
                + "    }\n";
    }

    /** Compiles {@code source} with {@code flags} into a directory of its own and loads the class from there. */
    private Migration compile(String className, String source, String build, String... flags) throws Exception {
        Path sources = Files.createDirectories(dir.resolve(build).resolve("src").resolve(PACKAGE));
        Path classes = Files.createDirectories(dir.resolve(build).resolve("classes"));
        Path file = Files.writeString(sources.resolve(className + ".java"), source, StandardCharsets.UTF_8);
        List<String> arguments = new ArrayList<>(List.of(flags));
        arguments.addAll(List.of("--release", "17", "-proc:none", "-classpath", classPath(), "-d", classes.toString(),
                file.toString()));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, arguments.toArray(String[]::new));
        assertThat(status).as("javac %s: %s", arguments, errors.toString(StandardCharsets.UTF_8)).isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
        return (Migration) loader.loadClass(PACKAGE + "." + className).getDeclaredConstructor().newInstance();
    }

    /** Where migration-core and storage-api are, so the source compiles against the classes this test runs with. */
    private static String classPath() throws URISyntaxException {
        return location(BaseMigration.class) + File.pathSeparator + location(StorageBackend.class);
    }

    private static String location(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private byte[] classFile(String build, String className) throws IOException {
        return Files.readAllBytes(dir.resolve(build).resolve("classes").resolve(PACKAGE).resolve(className + ".class"));
    }

    private Migrator migrator(Migration migration) {
        return Migrator.builder().backend(store).migrations(migration).build();
    }

    @Test
    void validate_sameSourceRebuiltWithOtherDebugFlags_passes() throws Exception {
        String source = source("V1__Mark_done", "");
        Migration debug = compile("V1__Mark_done", source, "debug", "-g");
        Migration plain = compile("V1__Mark_done", source, "plain", "-g:none");
        assertThat(classFile("debug", "V1__Mark_done")).isNotEqualTo(classFile("plain", "V1__Mark_done"));
        assertThat(debug.getClass()).isNotSameAs(plain.getClass());
        migrator(debug).migrate();

        assertThatCode(() -> migrator(plain).validate()).doesNotThrowAnyException();
        assertThat(migrator(plain).migrate()).isEmpty();
        assertThat(migrator(plain).info()).extracting(MigrationInfo::state).containsExactly(MigrationState.SUCCESS);
    }

    @Test
    void validate_declaredChecksumRebuiltWithOtherDebugFlags_passes() throws Exception {
        String source = source("V1__Mark_done", declaring("1"));
        Migration debug = compile("V1__Mark_done", source, "debug", "-g");
        Migration plain = compile("V1__Mark_done", source, "plain", "-g:none");
        assertThat(classFile("debug", "V1__Mark_done")).isNotEqualTo(classFile("plain", "V1__Mark_done"));
        migrator(debug).migrate();

        assertThatCode(() -> migrator(plain).validate()).doesNotThrowAnyException();
        assertThat(migrator(plain).info().get(0).checksum()).hasValue("1");
    }

    @Test
    void validate_declaredChecksumChanged_failsSayingWhatToDo() throws Exception {
        migrator(compile("V1__Mark_done", source("V1__Mark_done", declaring("1")), "first", "-g")).migrate();
        Migration edited = compile("V1__Mark_done", source("V1__Mark_done", declaring("2")), "edited", "-g");

        assertThatThrownBy(() -> migrator(edited).validate())
                .isInstanceOf(MigrationValidationException.class)
                .hasMessageContaining("version 1 (Mark done): checksum changed since it was applied: recorded 1, now declared 2")
                .hasMessageContaining("run repair() to record the declared checksum")
                .hasMessageContaining("put the change in a new version");
    }

    @Test
    void repair_declaredChecksumChanged_recordsTheDeclaredOneAndValidates() throws Exception {
        migrator(compile("V1__Mark_done", source("V1__Mark_done", declaring("1")), "first", "-g")).migrate();
        Migration edited = compile("V1__Mark_done", source("V1__Mark_done", declaring("2")), "edited", "-g");

        migrator(edited).repair();

        assertThatCode(() -> migrator(edited).validate()).doesNotThrowAnyException();
        assertThat(migrator(edited).info()).extracting(MigrationInfo::state).containsExactly(MigrationState.SUCCESS);
    }
}
