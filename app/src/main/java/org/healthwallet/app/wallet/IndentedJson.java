package org.healthwallet.app.wallet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;

/** A record's JSON laid out for reading, with nothing else changed. */
public final class IndentedJson {
    private static final JsonFactory JSON = new JsonFactory();

    private IndentedJson() {}

    /**
     * Indents the JSON token by token, numbers copied as written ({@code 1.50} stays {@code 1.50},
     * which a parse into doubles would change): the raw view shows what the provider sent.
     * Text that is not JSON is returned unchanged.
     */
    public static String of(String compact) {
        StringWriter out = new StringWriter(compact.length() * 2);
        try (JsonParser in = JSON.createParser(compact); JsonGenerator gen = JSON.createGenerator(out)) {
            gen.useDefaultPrettyPrinter();
            for (JsonToken t = in.nextToken(); t != null; t = in.nextToken()) {
                switch (t) {
                    case START_OBJECT -> gen.writeStartObject();
                    case END_OBJECT -> gen.writeEndObject();
                    case START_ARRAY -> gen.writeStartArray();
                    case END_ARRAY -> gen.writeEndArray();
                    case FIELD_NAME -> gen.writeFieldName(in.currentName());
                    case VALUE_STRING -> gen.writeString(in.getText());
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> gen.writeNumber(in.getText());
                    case VALUE_TRUE -> gen.writeBoolean(true);
                    case VALUE_FALSE -> gen.writeBoolean(false);
                    case VALUE_NULL -> gen.writeNull();
                    default -> { }
                }
            }
        } catch (IOException e) {
            return compact;
        }
        return out.toString();
    }
}
