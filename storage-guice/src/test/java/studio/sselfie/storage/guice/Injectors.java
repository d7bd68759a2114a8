package studio.sselfie.storage.guice;

import java.util.ArrayList;
import java.util.List;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;

/** Creates injectors for a test and closes their storage afterwards (call {@link #closeAll()} in {@code @AfterEach}). */
final class Injectors {
    private final List<Injector> created = new ArrayList<>();

    Injector create(Module... modules) {
        Injector injector = Guice.createInjector(modules);
        created.add(injector);
        return injector;
    }

    void closeAll() {
        for (Injector injector : created) {
            injector.getInstance(StorageLifecycle.class).close();
        }
        created.clear();
    }
}
