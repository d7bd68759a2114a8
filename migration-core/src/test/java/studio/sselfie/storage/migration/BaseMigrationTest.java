package studio.sselfie.storage.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BaseMigrationTest {

    static final class V3__Move_thumbnails extends BaseMigration {
        @Override
        public void up(MigrationContext context) {
        }
    }

    static final class V1_1__X extends BaseMigration {
        @Override
        public void up(MigrationContext context) {
        }
    }

    static final class V2_Missing_underscore extends BaseMigration {
        @Override
        public void up(MigrationContext context) {
        }
    }

    static final class MoveThumbnails extends BaseMigration {
        @Override
        public void up(MigrationContext context) {
        }
    }

    @Test
    void constructor_classNameWithVersionAndWords_givesVersionAndDescription() {
        V3__Move_thumbnails migration = new V3__Move_thumbnails();
        assertThat(migration.version()).isEqualTo(MigrationVersion.parse("3"));
        assertThat(migration.description()).isEqualTo("Move thumbnails");
    }

    @Test
    void constructor_underscoreInVersion_isADot() {
        V1_1__X migration = new V1_1__X();
        assertThat(migration.version()).isEqualTo(MigrationVersion.parse("1.1"));
        assertThat(migration.description()).isEqualTo("X");
    }

    @Test
    void constructor_badName_isRejectedNamingTheClassAndTheForm() {
        assertThatThrownBy(V2_Missing_underscore::new).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("V2_Missing_underscore").hasMessageContaining("V<version>__<Description>");
        assertThatThrownBy(MoveThumbnails::new).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MoveThumbnails");
    }

    @Test
    void checksum_byDefault_isNone() {
        assertThat(new V3__Move_thumbnails().checksum()).isEmpty();
    }
}
