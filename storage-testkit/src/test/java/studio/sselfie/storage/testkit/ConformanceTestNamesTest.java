package studio.sselfie.storage.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConformanceTestNamesTest {

    @Test
    void all_includesPlainAndParameterizedTestsOfEveryCategory() {
        assertThat(ConformanceTestNames.all())
                .contains("Crud.put_smallBytes_getReturnsSameBytes",
                        "KeyRules.put_validKey_readableUnderTheSameKey",
                        "Multipart.put_knownLengthOverOnePart_readsBackByteExactWithOneEtag",
                        "Images.copy_image_keepsBytesAndContentType");
    }

    @Test
    void all_excludesHelpersThatAreNotTests() {
        assertThat(ConformanceTestNames.all()).doesNotContain("Crud.assertLargeObjectStored", "Crud.read");
    }

    @Test
    void unknown_staleAndMistypedNames_areReturnedAndExistingOnesNot() {
        assertThat(ConformanceTestNames.unknown(List.of("Crud.put_smallBytes_getReturnsSameBytes",
                "Listing.no_suchTest", "Crud.put_smallbytes_getReturnsSameBytes")))
                .containsExactly("Crud.put_smallbytes_getReturnsSameBytes", "Listing.no_suchTest");
    }
}
