package org.healthwallet.core.records;

import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Checks a resource's narrative ({@code text.div}): R4 requires well-formed XHTML whose root is a
 * {@code div}. A DOCTYPE or entity declaration is refused outright, which also keeps the XML
 * parser from ever fetching or expanding anything. The handful of HTML entity names that real
 * exports use (&amp;nbsp; and friends) are accepted as their characters, since a patient loses
 * nothing by them. One instance reuses one parser, so it is not thread-safe.
 */
final class Narrative {
    private static final String XHTML = "http://www.w3.org/1999/xhtml";
    private static final Pattern DECLARATION = Pattern.compile("<!(?i:doctype|entity)");
    private static final Pattern NAMED_ENTITY = Pattern.compile("&([A-Za-z][A-Za-z0-9]*);");
    private static final Map<String, String> HTML_ENTITIES = Map.ofEntries(
            Map.entry("nbsp", "&#160;"), Map.entry("copy", "&#169;"), Map.entry("reg", "&#174;"),
            Map.entry("trade", "&#8482;"), Map.entry("hellip", "&#8230;"), Map.entry("mdash", "&#8212;"),
            Map.entry("ndash", "&#8211;"), Map.entry("laquo", "&#171;"), Map.entry("raquo", "&#187;"),
            Map.entry("middot", "&#183;"), Map.entry("deg", "&#176;"), Map.entry("plusmn", "&#177;"),
            Map.entry("micro", "&#181;"), Map.entry("times", "&#215;"), Map.entry("divide", "&#247;"),
            Map.entry("euro", "&#8364;"), Map.entry("pound", "&#163;"), Map.entry("bull", "&#8226;"),
            Map.entry("lsquo", "&#8216;"), Map.entry("rsquo", "&#8217;"), Map.entry("ldquo", "&#8220;"),
            Map.entry("rdquo", "&#8221;"), Map.entry("le", "&#8804;"), Map.entry("ge", "&#8805;"),
            Map.entry("sup2", "&#178;"), Map.entry("sup3", "&#179;"), Map.entry("frac12", "&#189;"));

    private final SAXParser parser;

    Narrative() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            parser = factory.newSAXParser();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("this Java runtime's XML parser lacks a required safety feature", e);
        }
    }

    /** @return why the narrative is broken, or null when it is well-formed XHTML in a div */
    String problem(String div) {
        if (div.contains("<!") && DECLARATION.matcher(div).find()) {
            return "its narrative (text.div) declares a DOCTYPE or entities, which FHIR narratives may not";
        }
        RootCheck root = new RootCheck();
        try {
            parser.reset();
            parser.parse(new InputSource(new StringReader(withXmlEntities(div))), root);
        } catch (SAXParseException e) {
            return "its narrative (text.div) is not well-formed XHTML: " + firstLine(e.getMessage())
                    + " (column " + e.getColumnNumber() + ")";
        } catch (SAXException | IOException e) {
            return "its narrative (text.div) is not well-formed XHTML: " + firstLine(e.getMessage());
        }
        if (!"div".equals(root.localName)) {
            return "its narrative (text.div) must be a <div> element, but it is <" + root.localName + ">";
        }
        if (!root.namespace.isEmpty() && !XHTML.equals(root.namespace)) {
            return "its narrative (text.div) is in namespace " + root.namespace + ", not XHTML";
        }
        return null;
    }

    private static String withXmlEntities(String div) {
        if (div.indexOf('&') < 0) {
            return div;
        }
        Matcher m = NAMED_ENTITY.matcher(div);
        StringBuilder out = new StringBuilder(div.length());
        while (m.find()) {
            String numeric = HTML_ENTITIES.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(numeric != null ? numeric : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static final class RootCheck extends DefaultHandler {
        private String localName;
        private String namespace = "";

        @Override
        public void startElement(String uri, String local, String qName, Attributes attributes) {
            if (localName == null) {
                localName = local.isEmpty() ? qName : local;
                namespace = uri == null ? "" : uri;
            }
        }
    }
}
