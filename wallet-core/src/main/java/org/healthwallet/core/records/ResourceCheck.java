package org.healthwallet.core.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides whether one resource can be imported, and if not, says why in words a patient can read.
 * It refuses what would mislead later: a type that is not FHIR R4, a date that is not a date
 * anywhere in the resource (contained resources included), and a narrative that is not
 * well-formed XHTML. One instance per reading; not thread-safe (it reuses an XML parser and
 * keeps the path it is walking, which is only turned into text when there is a problem).
 */
final class ResourceCheck {
    private static final int MAX_QUOTED = 40;

    private final Narrative narrative = new Narrative();
    private final List<Object> path = new ArrayList<>();

    /** @return the problem, or null when the resource can be imported */
    String problem(JsonNode resource) {
        if (!resource.isObject()) {
            return "the resource is not a JSON object";
        }
        String typeProblem = typeProblem(resource);
        if (typeProblem != null) {
            return typeProblem;
        }
        path.clear();
        return objectProblem(resource, null);
    }

    private static String typeProblem(JsonNode resource) {
        JsonNode type = resource.get("resourceType");
        if (type == null || !type.isTextual()) {
            return "it has no resourceType";
        }
        if (!ResourceTypes.isR4(type.textValue())) {
            return "\"" + quoted(type.textValue()) + "\" is not a FHIR R4 resource type";
        }
        return null;
    }

    private String objectProblem(JsonNode object, String parent) {
        JsonNode typeNode = object.get("resourceType");
        String resourceType = typeNode != null && typeNode.isTextual() ? typeNode.textValue() : null;
        if (resourceType != null && !path.isEmpty()) {
            String nested = typeProblem(object);
            if (nested != null) {
                return pathText() + ": " + nested;
            }
        }
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            String problem = null;
            path.add(name);
            if (value.isTextual()) {
                problem = dateProblem(name, parent, resourceType, value.textValue());
            } else if (value.isObject()) {
                problem = resourceType != null && "text".equals(name) ? narrativeProblem(value) : null;
                if (problem == null) {
                    problem = objectProblem(value, name);
                }
            } else if (value.isArray()) {
                problem = arrayProblem(name, parent, resourceType, value);
            }
            if (problem != null) {
                return problem;
            }
            path.remove(path.size() - 1);
        }
        return null;
    }

    private String arrayProblem(String name, String parent, String resourceType, JsonNode array) {
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String problem = null;
            path.add(i);
            if (item.isTextual()) {
                problem = dateProblem(name, parent, resourceType, item.textValue());
            } else if (item.isObject()) {
                problem = objectProblem(item, name);
            }
            if (problem != null) {
                return problem;
            }
            path.remove(path.size() - 1);
        }
        return null;
    }

    private String dateProblem(String name, String parent, String resourceType, String text) {
        TemporalType type = DateElements.typeOf(name, parent, resourceType);
        if (type == null || type.accepts(text)) {
            return null;
        }
        return pathText() + " is not a valid " + type.words() + ": \"" + quoted(text) + "\"";
    }

    private String narrativeProblem(JsonNode text) {
        JsonNode div = text.get("div");
        if (div == null || div.isNull()) {
            return null;
        }
        if (!div.isTextual()) {
            return "its narrative (text.div) is not text";
        }
        return narrative.problem(div.textValue());
    }

    /** "contained[0].period.start": where the walk stands, for the reason. */
    private String pathText() {
        StringBuilder text = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(step);
            }
        }
        return text.toString();
    }

    private static String quoted(String text) {
        return text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "…";
    }
}
