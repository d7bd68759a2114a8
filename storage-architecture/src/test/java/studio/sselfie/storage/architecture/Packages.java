package studio.sselfie.storage.architecture;

import java.util.List;

/** The packages the rules speak of. */
final class Packages {
    /** Every module's classes live under this one. */
    static final String ROOT = "studio.sselfie.storage";
    /** The API package itself, without subpackages: storage-api. */
    static final String API = ROOT;
    /** storage-testkit and its subpackages. */
    static final String TESTKIT = ROOT + ".testkit..";

    /** The base package of each backend module. A new backend is one more line here (and a dependency in the pom). */
    static final List<String> BACKENDS = List.of(
            ROOT + ".inmemory",
            ROOT + ".filesystem",
            ROOT + ".s3",
            ROOT + ".minio");

    private Packages() {
    }

    /** ArchUnit package patterns ({@code pkg..}) of every backend but {@code backend}. */
    static String[] backendsOtherThan(String backend) {
        return BACKENDS.stream().filter(other -> !other.equals(backend)).map(other -> other + "..").toArray(String[]::new);
    }

    /** ArchUnit package patterns ({@code pkg..}) of every backend. */
    static String[] allBackends() {
        return BACKENDS.stream().map(backend -> backend + "..").toArray(String[]::new);
    }
}
