package org.baihua.plugins.medical.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The clinical text of a DocumentReference (its inline text/plain attachments) or a
 * DiagnosticReport (its inline text/plain presentedForm and its conclusion). When neither has one,
 * the resource's XHTML narrative is used. Attachments by URL are not fetched: ingest reads only
 * the file it is given.
 */
final class DocumentTextReader {

    private static final java.util.Set<String> BLOCKS =
            java.util.Set.of("p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol");

    private final DocumentBuilderFactory xhtml;

    DocumentTextReader() {
        xhtml = DocumentBuilderFactory.newInstance();
        xhtml.setNamespaceAware(true);
        try {
            // Narratives are plain XHTML: no DTDs, no external entities.
            xhtml.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            xhtml.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be secured", e);
        }
        xhtml.setExpandEntityReferences(false);
    }

    /**
     * The text of a DocumentReference.
     *
     * @throws FhirEntryException when it has no readable text
     */
    String documentReference(JsonNode resource) {
        List<String> texts = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode content : resource.path("content")) {
            attachment(content.path("attachment"), texts, skipped);
        }
        String text = joined(texts);
        if (text == null) {
            text = narrative(resource);
        }
        if (text == null) {
            throw new FhirEntryException("has no readable text: needs an inline text/plain attachment"
                    + (skipped.isEmpty() ? "" : " (found " + String.join(", ", skipped) + ")"));
        }
        return text;
    }

    /**
     * The text of a DiagnosticReport, or null for a report that only groups results.
     *
     * @throws FhirEntryException when an attachment or the narrative is malformed
     */
    String diagnosticReport(JsonNode resource) {
        List<String> texts = new ArrayList<>();
        for (JsonNode form : resource.path("presentedForm")) {
            attachment(form, texts, new ArrayList<>());
        }
        String conclusion = FhirJson.text(resource, "conclusion");
        if (conclusion != null && texts.stream().noneMatch(t -> t.contains(conclusion.strip()))) {
            texts.add(conclusion.strip());
        }
        String text = joined(texts);
        return text != null ? text : narrative(resource);
    }

    private static void attachment(JsonNode attachment, List<String> texts, List<String> skipped) {
        if (attachment.isMissingNode()) {
            return;
        }
        String contentType = FhirJson.text(attachment, "contentType");
        String mediaType = contentType == null ? "text/plain" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        String data = FhirJson.text(attachment, "data");
        if (!mediaType.equals("text/plain") || data == null) {
            String url = FhirJson.text(attachment, "url");
            skipped.add(data == null && url != null ? "an attachment by url, which is not fetched" : mediaType);
            return;
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new FhirEntryException("attachment data is not valid base64: " + e.getMessage());
        }
        String text = new String(bytes, charset(contentType)).strip();
        if (!text.isEmpty()) {
            texts.add(text);
        }
    }

    private static Charset charset(String contentType) {
        if (contentType != null) {
            for (String parameter : contentType.split(";")) {
                String[] pair = parameter.strip().split("=", 2);
                if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                    String name = pair[1].strip().replace("\"", "");
                    try {
                        return Charset.forName(name);
                    } catch (IllegalArgumentException e) {
                        throw new FhirEntryException("attachment charset '" + name + "' is not supported");
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private String narrative(JsonNode resource) {
        String div = FhirJson.text(resource.path("text"), "div");
        if (div == null) {
            return null;
        }
        try {
            javax.xml.parsers.DocumentBuilder builder = xhtml.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(org.xml.sax.SAXParseException e) throws SAXException {
                    throw e; // reported with the entry; the default handler would also print it to stderr
                }
            });
            StringBuilder out = new StringBuilder();
            appendText(builder.parse(new InputSource(new StringReader(div))).getDocumentElement(), out);
            String text = out.toString().replaceAll("\\s+", " ").strip();
            return text.isEmpty() ? null : text;
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new FhirEntryException("text.div is not well-formed XHTML: " + e.getMessage());
        }
    }

    /** The text of a narrative, with a space after each block element so that paragraphs do not run together. */
    private static void appendText(Node node, StringBuilder out) {
        if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
            out.append(node.getNodeValue());
            return;
        }
        NodeList children = node.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            appendText(children.item(i), out);
        }
        if (node.getNodeType() == Node.ELEMENT_NODE && BLOCKS.contains(node.getLocalName())) {
            out.append(' ');
        }
    }

    private static String joined(List<String> texts) {
        return texts.isEmpty() ? null : String.join("\n\n", texts);
    }
}
