package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed fixture images match {@code fixtures/manifest.tsv}, and {@link MockImageGenerator} still makes each of
 * them, byte for byte, from the parameters recorded there: the proof that the generator is deterministic across runs,
 * machines and JVMs.
 */
class FixtureManifestTest {
    private static final String MANIFEST = "/fixtures/manifest.tsv";
    private static final long MAX_FIXTURE_BYTES = 50 * 1024;

    /** One line of the manifest. */
    record Fixture(String file, ImageFormat format, int width, int height, long seed, long targetBytes, long size,
            String sha256) {

        MockImageGenerator generator() {
            return MockImageGenerator.builder().format(format).width(width).height(height).seed(seed)
                    .targetBytes(targetBytes).build();
        }

        byte[] bytes() {
            try (InputStream in = FixtureManifestTest.class.getResourceAsStream("/fixtures/" + file)) {
                assertThat(in).as("fixture %s is on the class path", file).isNotNull();
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String toString() {
            return file;
        }
    }

    static List<Fixture> fixtures() {
        String manifest;
        try (InputStream in = FixtureManifestTest.class.getResourceAsStream(MANIFEST)) {
            assertThat(in).as("%s is on the class path", MANIFEST).isNotNull();
            manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> lines = manifest.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .collect(Collectors.toList());
        assertThat(lines.get(0)).isEqualTo("file\tformat\twidth\theight\tseed\ttargetBytes\tsize\tsha256");
        return lines.stream().skip(1).map(line -> line.split("\t", -1)).map(f -> new Fixture(f[0],
                ImageFormat.valueOf(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]), Long.parseLong(f[4]),
                Long.parseLong(f[5]), Long.parseLong(f[6]), f[7])).collect(Collectors.toList());
    }

    @Test
    void manifest_listsEveryFixtureFileAndNoOther() throws IOException, URISyntaxException {
        URL manifest = FixtureManifestTest.class.getResource(MANIFEST);
        List<String> files;
        try (Stream<Path> listing = Files.list(Path.of(manifest.toURI()).getParent())) {
            files = listing.map(path -> path.getFileName().toString()).filter(name -> !name.equals("manifest.tsv"))
                    .sorted().collect(Collectors.toList());
        }

        assertThat(fixtures()).extracting(Fixture::file).containsExactlyInAnyOrderElementsOf(files).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void fixture_matchesRecordedSizeAndSha256(Fixture fixture) {
        byte[] bytes = fixture.bytes();

        assertThat((long) bytes.length).isEqualTo(fixture.size()).isLessThan(MAX_FIXTURE_BYTES);
        assertThat(sha256(bytes)).isEqualTo(fixture.sha256());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void fixture_decodesToRecordedDimensionsAndFormat(Fixture fixture) {
        byte[] bytes = fixture.bytes();

        assertThat(fixture.file()).endsWith("." + fixture.format().extension());
        assertThat(fixture.format().hasMagicBytes(bytes)).isTrue();
        assertThat(MockImageGeneratorTest.decode(bytes).getWidth()).isEqualTo(fixture.width());
        assertThat(MockImageGeneratorTest.decode(bytes).getHeight()).isEqualTo(fixture.height());
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void fixture_regeneratedFromRecordedParameters_isByteIdentical(Fixture fixture) {
        String regenerated = sha256(fixture.generator().generate());

        assertThat(regenerated).as("SHA-256 of %s made again", fixture.file()).isEqualTo(sha256(fixture.bytes()));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
