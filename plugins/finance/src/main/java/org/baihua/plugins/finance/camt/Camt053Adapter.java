package org.baihua.plugins.finance.camt;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.baihua.sdk.AdapterOptions;
import org.baihua.sdk.DataAdapter;
import org.baihua.sdk.DataRecord;
import org.baihua.sdk.RecordSink;
import org.pf4j.Extension;

/**
 * Reads ISO 20022 camt.053 bank-to-customer statements (any version, 001.02 to 001.08 and later
 * ones with the same entry structure): one record per statement entry ({@code Ntry}), with
 * {@code amount} (positive), {@code currency}, {@code credit_debit} (credit or debit),
 * {@code status}, {@code booking_date}, {@code value_date}, {@code timestamp} (the booking date or
 * date-time), {@code bank_transaction_code} ({@code PMNT/ICDT/ESCT} or the proprietary code),
 * {@code remittance_info}, {@code counterparty_name}, {@code counterparty_iban},
 * {@code entry_reference}, {@code additional_info}, and the statement's {@code statement_id} and
 * {@code account_iban}. The finance redactor masks the names and IBANs before anything is stored.
 *
 * <p>An entry that lacks an amount, a currency or a credit/debit indicator, or has a malformed
 * amount or date, is rejected with the line of its {@code Ntry} tag. The parser is StAX from the
 * JDK with DTDs and external entities switched off; a document that declares a DTD is refused
 * outright, so no entity expansion or external fetch (XXE) can happen. Takes no options.
 */
@Extension
public final class Camt053Adapter implements DataAdapter {

    static final String NAMESPACE_PREFIX = "urn:iso:std:iso:20022:tech:xsd:camt.053.";

    @Override
    public String format() {
        return "camt053";
    }

    @Override
    public void read(InputStream in, AdapterOptions options, RecordSink sink) throws IOException {
        XMLStreamReader xml;
        try {
            xml = secureFactory().createXMLStreamReader(in);
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("camt.053: cannot start reading the XML: " + e.getMessage(), e);
        }
        try {
            new Reading(xml, sink).run();
        } catch (XMLStreamException e) {
            if (e.getNestedException() instanceof IOException io) {
                throw io; // the stream failed, not the format
            }
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNumber();
            throw new IllegalArgumentException("camt.053: the XML is not well-formed at line " + line + ": "
                    + e.getMessage(), e);
        } finally {
            try {
                xml.close();
            } catch (XMLStreamException e) {
                // Closing the reader releases no resource of ours: the caller owns the stream.
            }
        }
    }

    static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /** One pass over one document. */
    private static final class Reading {
        private final XMLStreamReader xml;
        private final RecordSink sink;
        private final Deque<String> path = new ArrayDeque<>();
        private final Deque<String> ccy = new ArrayDeque<>();
        private final Map<String, String> statement = new LinkedHashMap<>();
        private final StringBuilder text = new StringBuilder();
        private EntryBuilder entry;
        private int entryDepth;
        private String entryError;
        private boolean sawStatement;

        Reading(XMLStreamReader xml, RecordSink sink) {
            this.xml = xml;
            this.sink = sink;
        }

        void run() throws XMLStreamException {
            while (xml.hasNext()) {
                switch (xml.next()) {
                    case XMLStreamConstants.DTD -> throw new IllegalArgumentException(
                            "camt.053: a DOCTYPE declaration is not allowed (line " + line() + ")");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new IllegalArgumentException(
                            "camt.053: entity reference &" + xml.getLocalName() + "; is not allowed (line " + line() + ")");
                    case XMLStreamConstants.START_ELEMENT -> start();
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> text.append(xml.getText());
                    case XMLStreamConstants.END_ELEMENT -> end();
                    default -> { /* comments, processing instructions, whitespace */ }
                }
            }
            if (!sawStatement) {
                throw new IllegalArgumentException("camt.053: no BkToCstmrStmt element: not a bank-to-customer statement");
            }
        }

        private void start() {
            String name = xml.getLocalName();
            if (path.isEmpty()) {
                checkRoot(name);
            }
            path.push(name);
            String attribute = xml.getAttributeValue(null, "Ccy");
            ccy.push(attribute == null ? "" : attribute);
            text.setLength(0);
            if ("BkToCstmrStmt".equals(name)) {
                sawStatement = true;
            } else if ("Stmt".equals(name)) {
                statement.clear();
            } else if ("Ntry".equals(name)) {
                if (entry != null) {
                    entryError = entryError == null ? "an Ntry is nested inside another Ntry" : entryError;
                } else {
                    entry = new EntryBuilder(line(), statement);
                    entryDepth = path.size();
                    entryError = null;
                }
            }
        }

        private void end() {
            String value = text.toString();
            text.setLength(0);
            String attributeCcy = ccy.pop();
            if (entry != null && path.size() > entryDepth) {
                entry.take(relativePath(), value, attributeCcy.isEmpty() ? null : attributeCcy);
            } else if (entry != null && path.size() == entryDepth) {
                finishEntry();
            } else {
                takeStatementField(value);
            }
            path.pop();
        }

        private void finishEntry() {
            EntryBuilder done = entry;
            entry = null;
            if (entryError != null) {
                sink.reject(done.line(), "camt.053 entry: " + entryError);
                return;
            }
            try {
                sink.accept(new DataRecord(done.line(), done.build()));
            } catch (IllegalArgumentException e) {
                sink.reject(done.line(), "camt.053 entry: " + e.getMessage());
            }
        }

        private void takeStatementField(String value) {
            String joined = String.join("/", reversedPath());
            if (joined.endsWith("BkToCstmrStmt/Stmt/Id")) {
                statement.put("statement_id", value.trim());
            } else if (joined.endsWith("BkToCstmrStmt/Stmt/Acct/Id/IBAN")) {
                statement.put("account_iban", value.trim());
            }
        }

        /** The current path below Ntry, without the {@code Pty} level that version 08 added. */
        private String relativePath() {
            Iterable<String> all = reversedPath();
            StringBuilder rel = new StringBuilder();
            int depth = 0;
            for (String part : all) {
                depth++;
                if (depth <= entryDepth || "Pty".equals(part)) {
                    continue;
                }
                if (rel.length() > 0) {
                    rel.append('/');
                }
                rel.append(part);
            }
            return rel.toString();
        }

        private java.util.List<String> reversedPath() {
            java.util.List<String> list = new java.util.ArrayList<>(path);
            java.util.Collections.reverse(list);
            return list;
        }

        private void checkRoot(String name) {
            String ns = xml.getNamespaceURI();
            if (!"Document".equals(name)) {
                throw new IllegalArgumentException("camt.053: the root element is <" + name + ">, expected <Document>");
            }
            if (ns != null && !ns.isEmpty() && !ns.startsWith(NAMESPACE_PREFIX)) {
                throw new IllegalArgumentException("camt.053: the document's namespace is '" + ns
                        + "', expected one starting with " + NAMESPACE_PREFIX);
            }
        }

        private long line() {
            return xml.getLocation() == null ? 0 : xml.getLocation().getLineNumber();
        }
    }
}
