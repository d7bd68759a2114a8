package studio.sselfie.storage.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "cat.jpg", "caf\u00e9", "\uD83D\uDE00", ".hidden", "..twice", "a.", "a ", " a",
            "100%", "a%41", "x~", "#", "CON", "con.txt", "a\\b", "a:b", "\u0000", "\u007F", "a b+c=d@e!f'g(h)i[j]k{l};m&n$o^p"})
    void decode_objectName_givesTheSegmentBack(String segment) {
        String name = SegmentNames.objectName(segment);

        assertThat(SegmentNames.isHashed(name)).isFalse();
        assertThat(SegmentNames.decode(name)).isEqualTo(segment);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"cat.jpg|cat.jpg", "photos|photos", ".hidden|%2Ehidden", "a.|a%2E", "CON|%43ON",
            "nul.txt|%6Eul.txt", "Com1|%43om1", "x~|x%7E", "100%|100%25", "caf\u00e9|caf%C3%A9"})
    void objectName_segment_isPortableAscii(String segment, String expected) {
        assertThat(SegmentNames.objectName(segment)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"README", "photos", "a b"})
    void directoryName_segment_endsWithTheSuffixNoObjectNameHas(String segment) {
        assertThat(SegmentNames.directoryName(segment)).isEqualTo(SegmentNames.objectName(segment) + "~");
        assertThat(SegmentNames.objectName(segment + "~")).doesNotEndWith("~");
    }

    @ParameterizedTest
    @ValueSource(ints = {81, 85, 300, 1024})
    void objectName_segmentOfManyThreeByteCharacters_isHashedWithinAFileNameAndDistinct(int characters) {
        String segment = "\u8a9e".repeat(characters);
        String other = "\u8a9e".repeat(characters - 1) + "x";

        String name = SegmentNames.objectName(segment);

        assertThat(name.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SegmentNames.MAX_PLAIN_NAME);
        assertThat(SegmentNames.isHashed(name)).isTrue();
        assertThat(name).isNotEqualTo(SegmentNames.objectName(other));
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "%4", "%zz", "a%", "a#b", "\u00e9", "%C3", "a/b"})
    void decode_nameNotMadeByThisClass_isNullOrNotASegment(String name) {
        String decoded = SegmentNames.decode(name);

        if (decoded != null) {
            assertThat(SegmentNames.objectName(decoded)).isEqualTo(name);
        }
    }
}
