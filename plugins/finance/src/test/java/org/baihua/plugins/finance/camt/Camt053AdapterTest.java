package org.baihua.plugins.finance.camt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.baihua.plugins.finance.privacy.FinanceRedactor;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.testkit.CollectingSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Camt053AdapterTest {

    private final Camt053Adapter adapter = new Camt053Adapter();

    private CollectingSink read(String resource) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/camt/" + resource)) {
            CollectingSink sink = new CollectingSink();
            adapter.read(in, AdapterOptions.none(), sink);
            return sink;
        }
    }

    private CollectingSink readText(String xml) throws IOException {
        CollectingSink sink = new CollectingSink();
        adapter.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), AdapterOptions.none(), sink);
        return sink;
    }

    @Test
    void readsOneRecordPerEntryOfAVersion02Statement() throws IOException {
        CollectingSink sink = read("statement-v02.xml");

        assertThat(adapter.format()).isEqualTo("camt053");
        assertThat(sink.rejections()).isEmpty();
        assertThat(sink.records()).extracting(DataRecord::line).containsExactly(21L, 42L, 56L);

        DataRecord credit = sink.records().get(0);
        assertThat(credit.get("amount")).isEqualTo(1250.0);
        assertThat(credit.get("currency")).isEqualTo("EUR");
        assertThat(credit.get("credit_debit")).isEqualTo("credit");
        assertThat(credit.get("status")).isEqualTo("BOOK");
        assertThat(credit.get("booking_date")).isEqualTo("2024-03-01");
        assertThat(credit.get("value_date")).isEqualTo("2024-03-01");
        assertThat(credit.get("bank_transaction_code")).isEqualTo("PMNT/RCDT/ESCT");
        assertThat(credit.get("remittance_info")).isEqualTo("Invoice 2024-117 | thank you");
        assertThat(credit.get("counterparty_name")).isEqualTo("Müller & Söhne GmbH");
        assertThat(credit.get("counterparty_iban")).isEqualTo("GB29NWBK60161331926819");
        assertThat(credit.get("entry_reference")).isEqualTo("E1");
        assertThat(credit.get("statement_id")).isEqualTo("STMT-0001");
        assertThat(credit.get("account_iban")).isEqualTo("DE89370400440532013000");

        DataRecord debit = sink.records().get(1);
        assertThat(debit.get("credit_debit")).isEqualTo("debit");
        assertThat(debit.get("counterparty_name")).isEqualTo("Online Shop Ltd");
        assertThat(debit.get("timestamp")).isEqualTo("2024-03-01T22:41:00+01:00");
        assertThat(debit.get("bank_transaction_code")).isEqualTo("CARD");
        assertThat(debit.get("additional_info")).isEqualTo("CARD PAYMENT");

        DataRecord pending = sink.records().get(2);
        assertThat(pending.get("amount")).isEqualTo(15.0);
        assertThat(pending.get("currency")).isEqualTo("USD");
        assertThat(pending.get("status")).isEqualTo("PDNG");
        assertThat(pending.values()).doesNotContainKeys("booking_date", "timestamp", "counterparty_name");
    }

    @Test
    void readsVersion08WithItsPartyLevelAndStatusCode() throws IOException {
        CollectingSink sink = read("statement-v08.xml");

        assertThat(sink.rejections()).isEmpty();
        assertThat(sink.records()).hasSize(1);
        DataRecord entry = sink.records().get(0);
        assertThat(entry.get("status")).isEqualTo("BOOK");
        assertThat(entry.get("counterparty_name")).isEqualTo("Jan de Vries");
        assertThat(entry.get("counterparty_iban")).isEqualTo("DE89370400440532013000");
        assertThat(entry.get("remittance_info")).isEqualTo("RF18539007547034");
        assertThat(entry.get("bank_transaction_code")).isEqualTo("PMNT/ICDT/ESCT");
        assertThat(entry.get("account_iban")).isEqualTo("NL91ABNA0417164300");
    }

    @Test
    void rejectsEachMalformedEntryWithItsLineAndReasonAndKeepsTheGoodOne() throws IOException {
        CollectingSink sink = read("malformed-entries.xml");

        assertThat(sink.records()).extracting(r -> r.get("amount"), r -> r.get("currency"))
                .containsExactly(tuple(99.95, "CHF"));
        assertThat(sink.records().get(0).line()).isEqualTo(39);
        assertThat(sink.rejections()).extracting(CollectingSink.Rejection::line)
                .containsExactly(6L, 9L, 13L, 17L, 21L, 26L, 30L, 35L);
        assertThat(sink.rejections()).extracting(CollectingSink.Rejection::reason).satisfiesExactly(
                r -> assertThat(r).contains("no Amt"),
                r -> assertThat(r).contains("'12,50'").contains("not a decimal"),
                r -> assertThat(r).contains("Ccy"),
                r -> assertThat(r).contains("CdtDbtInd").contains("RVSL"),
                r -> assertThat(r).contains("BookgDt").contains("2024-02-30"),
                r -> assertThat(r).contains("negative"),
                r -> assertThat(r).contains("nested"),
                r -> assertThat(r).contains("Ccy").contains("eur"));
    }

    @Test
    void refusesADoctypeSoNoExternalEntityIsEverRead(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-VALUE");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE Document [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt><Stmt><Ntry>"
                + "<Amt Ccy=\"EUR\">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><AddtlNtryInf>&xxe;</AddtlNtryInf>"
                + "</Ntry></Stmt></BkToCstmrStmt></Document>";
        CollectingSink sink = new CollectingSink();

        assertThatThrownBy(() -> adapter.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                AdapterOptions.none(), sink))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("TOP-SECRET");
        assertThat(sink.records()).isEmpty();
    }

    @Test
    void refusesAnEntityExpansionBomb() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
                + "<Document><BkToCstmrStmt>&lol2;</BkToCstmrStmt></Document>";
        assertThatThrownBy(() -> readText(xml)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesDocumentsThatAreNotCamt053() {
        assertThatThrownBy(() -> readText("<Invoice/>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<Invoice>");
        assertThatThrownBy(() -> readText(
                "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.02\"><BkToCstmrDbtCdtNtfctn/></Document>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("camt.054");
        assertThatThrownBy(() -> readText("<Document><Other/></Document>"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BkToCstmrStmt");
    }

    @Test
    void reportsTheLineWhereTheXmlBreaks() {
        String xml = "<Document>\n<BkToCstmrStmt>\n<Stmt>\n<Ntry><Amt Ccy=\"EUR\">1</Amt>\n</Stmt>\n";
        assertThatThrownBy(() -> readText(xml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not well-formed at line 5");
        assertThatThrownBy(() -> readText("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> readText("amount,currency\n1,EUR\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFailingStreamIsAnIoErrorNotAFormatError() {
        byte[] start = "<Document><BkToCstmrStmt><Stmt><Ntry><Amt Ccy=\"EUR\">1".getBytes(StandardCharsets.UTF_8);
        InputStream failing = new java.io.SequenceInputStream(new ByteArrayInputStream(start), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("disk gone");
            }
        });
        assertThatThrownBy(() -> adapter.read(failing, AdapterOptions.none(), new CollectingSink()))
                .isInstanceOf(IOException.class).hasMessageContaining("disk gone");
    }

    @Test
    void acceptsAByteOrderMarkAndCdata() throws IOException {
        String xml = "\uFEFF<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document><BkToCstmrStmt><Stmt><Ntry>"
                + "<Amt Ccy=\"EUR\">3.50</Amt><CdtDbtInd>DBIT</CdtDbtInd>"
                + "<NtryDtls><TxDtls><RmtInf><Ustrd><![CDATA[a < b & c]]></Ustrd></RmtInf></TxDtls></NtryDtls>"
                + "</Ntry></Stmt></BkToCstmrStmt></Document>";
        CollectingSink sink = readText(xml);
        assertThat(sink.records()).singleElement().satisfies(r -> {
            assertThat(r.get("amount")).isEqualTo(3.5);
            assertThat(r.get("remittance_info")).isEqualTo("a < b & c");
        });
    }

    @Test
    void theRedactorMasksWhatTheAdapterReadsBeforeStorage() throws IOException {
        FinanceRedactor redactor = new FinanceRedactor();
        CollectingSink sink = read("statement-v02.xml");

        DataRecord credit = redactor.redact(sink.records().get(0));
        DataRecord debit = redactor.redact(sink.records().get(1));

        assertThat(credit.get("counterparty_name")).isEqualTo(FinanceRedactor.NAME_MASK);
        assertThat(credit.get("counterparty_iban")).isEqualTo("GB****************6819");
        assertThat(credit.get("account_iban")).isEqualTo("DE****************3000");
        assertThat(debit.get("remittance_info")).isEqualTo("Card **** **** **** 1111 purchase");
    }
}
