package org.baihua.plugins.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.baihua.plugins.finance.camt.Camt053Adapter;
import org.baihua.plugins.finance.preprocess.CreditCodebook;
import org.baihua.plugins.finance.preprocess.FraudFeatures;
import org.baihua.plugins.finance.preprocess.NewsTextCleaner;
import org.baihua.plugins.finance.privacy.FinanceRedactor;
import org.junit.jupiter.api.Test;

/** PF4J finds extensions through the index its annotation processor writes; a missing line is a silent loss. */
class ExtensionsIndexTest {

    @Test
    void everyExtensionIsIndexed() throws IOException {
        // The index beside the main classes (test compilation writes an empty one of its own).
        URL main = FinanceDomain.class.getProtectionDomain().getCodeSource().getLocation();
        try (InputStream in = new URL(main, "META-INF/extensions.idx").openStream()) {
            String index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Class<?> type : new Class<?>[] {FinanceDomain.class, FinanceSamples.class, FinanceHeads.class,
                    FinanceRedactor.class, Camt053Adapter.class, FraudFeatures.class, CreditCodebook.class,
                    NewsTextCleaner.class}) {
                assertThat(index).contains(type.getName());
                // the host creates an extension through its one public constructor and refuses a class with several
                assertThat(type.getConstructors()).as(type.getName()).hasSize(1)
                        .allSatisfy(c -> assertThat(c.getParameterCount()).isZero());
            }
        }
    }
}
