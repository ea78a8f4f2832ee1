package dev.gridha.durability.compiler.mapping;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;

import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import dev.gridha.durability.compiler.ErrorCode;
import dev.gridha.durability.compiler.Problem;
import dev.gridha.durability.compiler.model.Mapping;
import dev.gridha.durability.compiler.model.Mechanism;
import dev.gridha.durability.compiler.model.MethodRef;
import dev.gridha.durability.compiler.model.Position;
import dev.gridha.durability.compiler.model.Recovery;
import dev.gridha.durability.compiler.model.Sql;
import dev.gridha.durability.compiler.model.StateObjectMapping;
import dev.gridha.durability.compiler.model.UpdateRule;

/**
 * Reads a durability mapping: first validates it against {@code durability-mapping.xsd} (every violation
 * reported at its line and column), then reads it into the model with each element's position. The XML
 * parsers refuse DTDs and external entities, and a mapping over {@value #MAX_BYTES} bytes is refused unread.
 *
 * <p>Pure: bytes in, a {@link Result} out; no files, no javac.
 */
public final class MappingReader {

    public static final String NS = "http://gridha.dev/durability-mapping/1";
    public static final int MAX_BYTES = 1024 * 1024;
    private static final String SCHEMA_RESOURCE = "durability-mapping.xsd";

    private final Schema schema;

    public MappingReader() {
        this.schema = loadSchema();
    }

    /** Either the mapping, or the problems that stop it being read. */
    public record Result(Optional<Mapping> mapping, List<Problem> problems) {
    }

    public Result read(String file, byte[] content) {
        if (content.length > MAX_BYTES) {
            return failed(new Problem(ErrorCode.MAPPING_INVALID, new Position(file, 1, 1),
                    "mapping is " + content.length + " bytes; the limit is " + MAX_BYTES));
        }
        Optional<Problem> doctype = doctype(file, content);
        if (doctype.isPresent()) {
            return failed(doctype.get());
        }
        List<Problem> problems = validate(file, content);
        if (!problems.isEmpty()) {
            return new Result(Optional.empty(), problems);
        }
        try {
            return new Result(Optional.of(parse(file, content)), List.of());
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            return failed(new Problem(ErrorCode.MAPPING_INVALID,
                    new Position(file, at == null ? 1 : at.getLineNumber(), at == null ? 1 : at.getColumnNumber()),
                    "unreadable mapping: " + e.getMessage()));
        }
    }

    /**
     * A DOCTYPE is refused before anything else reads the file: the mapping language needs no DTD, and a DTD
     * is how external entities and entity expansion get in.
     */
    private static Optional<Problem> doctype(String file, byte[] content) {
        try {
            XMLStreamReader xml = hardenedFactory().createXMLStreamReader(new ByteArrayInputStream(content));
            try {
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.DTD) {
                        Location at = xml.getLocation();
                        return Optional.of(new Problem(ErrorCode.MAPPING_INVALID,
                                new Position(file, at.getLineNumber(), at.getColumnNumber()),
                                "a mapping may not contain a DOCTYPE (DTDs and entities are refused)"));
                    }
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        return Optional.empty();
                    }
                }
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            return Optional.empty(); // not well-formed: schema validation reports it with its position
        }
        return Optional.empty();
    }

    private static XMLInputFactory hardenedFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    private static Result failed(Problem problem) {
        return new Result(Optional.empty(), List.of(problem));
    }

    private List<Problem> validate(String file, byte[] content) {
        List<Problem> problems = new ArrayList<>();
        Validator validator = schema.newValidator();
        try {
            validator.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the JDK's schema validator refused a hardening setting", e);
        }
        validator.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings do not stop a build
            }

            @Override
            public void error(SAXParseException e) {
                problems.add(problem(file, e));
            }

            @Override
            public void fatalError(SAXParseException e) {
                problems.add(problem(file, e));
            }
        });
        try {
            validator.validate(new StreamSource(new ByteArrayInputStream(content), file));
        } catch (SAXParseException e) {
            if (problems.isEmpty()) {
                problems.add(problem(file, e));
            }
        } catch (SAXException | IOException e) {
            problems.add(new Problem(ErrorCode.MAPPING_INVALID, new Position(file, 1, 1),
                    "unreadable mapping: " + e.getMessage()));
        }
        return problems;
    }

    private static Problem problem(String file, SAXParseException e) {
        return new Problem(ErrorCode.MAPPING_INVALID,
                new Position(file, Math.max(1, e.getLineNumber()), Math.max(1, e.getColumnNumber())),
                "does not follow durability-mapping.xsd: " + e.getMessage());
    }

    private Mapping parse(String file, byte[] content) throws XMLStreamException {
        XMLStreamReader xml = hardenedFactory().createXMLStreamReader(new ByteArrayInputStream(content));
        try {
            nextElement(xml);
            Position servicePosition = position(file, xml);
            String service = xml.getAttributeValue(null, "service");
            List<StateObjectMapping> stateObjects = new ArrayList<>();
            while (nextChildElement(xml)) {
                stateObjects.add(stateObject(file, xml));
            }
            return new Mapping(file, service, servicePosition, stateObjects);
        } finally {
            xml.close();
        }
    }

    private StateObjectMapping stateObject(String file, XMLStreamReader xml) throws XMLStreamException {
        Position position = position(file, xml);
        String name = xml.getAttributeValue(null, "name");
        String className = xml.getAttributeValue(null, "class");
        Mechanism mechanism = Mechanism.of(xml.getAttributeValue(null, "mechanism"));
        List<Sql> initialization = List.of();
        List<Sql> onCreate = List.of();
        List<Sql> onDestroy = List.of();
        Optional<Recovery> recovery = Optional.empty();
        List<UpdateRule> updates = new ArrayList<>();
        List<MethodRef> readOnly = new ArrayList<>();
        Optional<String> checkpoint = Optional.empty();
        while (nextChildElement(xml)) {
            switch (xml.getLocalName()) {
                case "initialization" -> initialization = statements(file, xml);
                case "on-create" -> onCreate = statements(file, xml);
                case "on-destroy" -> onDestroy = statements(file, xml);
                case "recovery" -> recovery = Optional.of(recovery(file, xml));
                case "update" -> updates.add(update(file, xml));
                case "read-only" -> {
                    readOnly.add(new MethodRef(xml.getAttributeValue(null, "method"), position(file, xml)));
                    skipElement(xml);
                }
                case "checkpoint" -> {
                    checkpoint = Optional.of(xml.getAttributeValue(null, "strategy"));
                    skipElement(xml);
                }
                default -> skipElement(xml); // the schema allows nothing else
            }
        }
        return new StateObjectMapping(name, className, mechanism, initialization, onCreate, onDestroy, recovery,
                updates, readOnly, checkpoint, position);
    }

    private List<Sql> statements(String file, XMLStreamReader xml) throws XMLStreamException {
        List<Sql> statements = new ArrayList<>();
        while (nextChildElement(xml)) {
            statements.add(sql(file, xml));
        }
        return statements;
    }

    private Sql sql(String file, XMLStreamReader xml) throws XMLStreamException {
        Position position = position(file, xml);
        return new Sql(xml.getElementText().strip().replaceAll("\\s+", " "), position);
    }

    private Recovery recovery(String file, XMLStreamReader xml) throws XMLStreamException {
        Sql query = null;
        Optional<String> keyColumn = Optional.empty();
        String method = null;
        Optional<List<String>> parameterTypes = Optional.empty();
        Position callPosition = null;
        List<String> columns = new ArrayList<>();
        while (nextChildElement(xml)) {
            switch (xml.getLocalName()) {
                case "query" -> query = sql(file, xml);
                case "key-column" -> keyColumn = Optional.of(xml.getElementText().strip());
                case "call" -> {
                    method = xml.getAttributeValue(null, "method");
                    parameterTypes = parameterTypes(xml);
                    callPosition = position(file, xml);
                    while (nextChildElement(xml)) {
                        columns.add(xml.getElementText().strip());
                    }
                }
                default -> skipElement(xml);
            }
        }
        return new Recovery(query, keyColumn, method, parameterTypes, columns, callPosition);
    }

    /** The {@code parameters} attribute: simple type names, comma-separated, to pick an overload. */
    private static Optional<List<String>> parameterTypes(XMLStreamReader xml) {
        String parameters = xml.getAttributeValue(null, "parameters");
        return parameters == null ? Optional.empty()
                : Optional.of(parameters.isBlank() ? List.of() : List.of(parameters.strip().split("\\s*,\\s*")));
    }

    private UpdateRule update(String file, XMLStreamReader xml) throws XMLStreamException {
        Position position = position(file, xml);
        String method = xml.getAttributeValue(null, "method");
        Optional<List<String>> parameterTypes = parameterTypes(xml);
        UpdateRule.Kind kind = UpdateRule.Kind.SQL;
        List<Sql> statements = new ArrayList<>();
        while (nextChildElement(xml)) {
            switch (xml.getLocalName()) {
                case "sql" -> statements.add(sql(file, xml));
                case "repeat" -> {
                    kind = UpdateRule.Kind.REPEAT;
                    skipElement(xml);
                }
                case "serialize" -> {
                    kind = UpdateRule.Kind.SERIALIZE;
                    skipElement(xml);
                }
                default -> skipElement(xml);
            }
        }
        return new UpdateRule(method, parameterTypes, kind, statements, position);
    }

    // --- StAX navigation: the document is schema-valid here, so only structure matters ---

    private static void nextElement(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext() && xml.next() != XMLStreamConstants.START_ELEMENT) {
            // skip the prolog
        }
    }

    /** Advances to the next child element of the current one; false at the current element's end. */
    private static boolean nextChildElement(XMLStreamReader xml) throws XMLStreamException {
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
        return false;
    }

    private static void skipElement(XMLStreamReader xml) throws XMLStreamException {
        int depth = 1;
        while (depth > 0 && xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
        }
    }

    private static Position position(String file, XMLStreamReader xml) {
        Location location = xml.getLocation();
        return new Position(file, location.getLineNumber(), location.getColumnNumber());
    }

    private static Schema loadSchema() {
        URL xsd = MappingReader.class.getResource(SCHEMA_RESOURCE);
        if (xsd == null) {
            throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the durability compiler's jar");
        }
        try (InputStream in = xsd.openStream()) {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            return factory.newSchema(new StreamSource(in, xsd.toString()));
        } catch (SAXException | IOException e) {
            throw new IllegalStateException("durability-mapping.xsd does not load: " + e.getMessage(), e);
        }
    }
}
