package dev.reparse.runtime.graphql;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parse Server's custom scalars: {@code Any} and {@code Object} (JSON values), {@code Date} (ISO text, taken as
 * text or {@code {__type: "Date", iso}}), {@code Bytes} (base64), {@code File} ({@code {__type: "File", name, url}})
 * and {@code Upload} (multipart uploads, which this server does not take).
 */
final class Scalars {
    private Scalars() {
    }

    static List<GraphQLScalarType> all() {
        return List.of(json("Any", false), json("Object", true), date(), typed("Bytes", "base64"),
                typed("File", "name"), upload());
    }

    private static GraphQLScalarType json(String name, boolean objectOnly) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, Object>() {
            @Override
            public Object serialize(Object value, GraphQLContext context, Locale locale) {
                if (objectOnly && !(value instanceof Map<?, ?>)) {
                    throw new CoercingSerializeException(name + " cannot represent " + value);
                }
                return value;
            }

            @Override
            public Object parseValue(Object value, GraphQLContext context, Locale locale) {
                if (objectOnly && !(value instanceof Map<?, ?>)) {
                    throw new CoercingParseValueException(name + " cannot represent " + value);
                }
                return value;
            }

            @Override
            public Object parseLiteral(Value<?> value, CoercedVariables variables, GraphQLContext context,
                    Locale locale) {
                if (objectOnly && !(value instanceof ObjectValue)) {
                    throw new CoercingParseLiteralException(name + " cannot represent a non-object value");
                }
                return literal(value, variables);
            }
        }).build();
    }

    /** {@code Date}: answered as ISO text; taken as ISO text or a Parse date, and passed on as a Parse date. */
    private static GraphQLScalarType date() {
        return GraphQLScalarType.newScalar().name("Date").coercing(new Coercing<Object, String>() {
            @Override
            public String serialize(Object value, GraphQLContext context, Locale locale) {
                if (value instanceof String text) {
                    return text;
                }
                if (value instanceof Map<?, ?> map && map.get("iso") instanceof String iso) {
                    return iso;
                }
                throw new CoercingSerializeException("Date cannot represent " + value);
            }

            @Override
            public Object parseValue(Object value, GraphQLContext context, Locale locale) {
                return parseDate(value instanceof Map<?, ?> map && "Date".equals(map.get("__type")) ? map.get("iso") : value);
            }

            @Override
            public Object parseLiteral(Value<?> value, CoercedVariables variables, GraphQLContext context,
                    Locale locale) {
                Object literal = literal(value, variables);
                return parseDate(literal instanceof Map<?, ?> map && "Date".equals(map.get("__type"))
                        ? map.get("iso") : literal);
            }
        }).build();
    }

    private static Map<String, Object> parseDate(Object iso) {
        if (iso instanceof String text) {
            try {
                Instant.parse(text);
                Map<String, Object> date = new LinkedHashMap<>();
                date.put("__type", "Date");
                date.put("iso", text);
                return date;
            } catch (DateTimeParseException e) {
                // falls through to the refusal
            }
        }
        throw new CoercingParseValueException("Date cannot represent " + iso);
    }

    /** A Parse typed value ({@code Bytes}, {@code File}): the object itself, its {@code __type} added. */
    private static GraphQLScalarType typed(String name, String textField) {
        return GraphQLScalarType.newScalar().name(name).coercing(new Coercing<Object, Object>() {
            @Override
            public Object serialize(Object value, GraphQLContext context, Locale locale) {
                return value instanceof Map<?, ?> map && name.equals("Bytes") ? map.get("base64") : value;
            }

            @Override
            public Object parseValue(Object value, GraphQLContext context, Locale locale) {
                return typedValue(value);
            }

            @Override
            public Object parseLiteral(Value<?> value, CoercedVariables variables, GraphQLContext context,
                    Locale locale) {
                return typedValue(literal(value, variables));
            }

            private Object typedValue(Object value) {
                Map<String, Object> typed = new LinkedHashMap<>();
                if (value instanceof String text) {
                    typed.put(textField, text);
                } else if (value instanceof Map<?, ?> map) {
                    typed.putAll(WhereInput.castMap(map));
                } else {
                    throw new CoercingParseValueException(name + " cannot represent " + value);
                }
                typed.put("__type", name);
                return typed;
            }
        }).build();
    }

    private static GraphQLScalarType upload() {
        return GraphQLScalarType.newScalar().name("Upload").coercing(new Coercing<Object, Object>() {
            @Override
            public Object parseValue(Object value, GraphQLContext context, Locale locale) {
                throw new CoercingParseValueException("file uploads through GraphQL are not supported; "
                        + "upload with POST /files/:name and link the file with {file: {name, url}}");
            }
        }).build();
    }

    /** A literal as plain JSON values, variables filled in. */
    static Object literal(Value<?> value, CoercedVariables variables) {
        return switch (value) {
            case NullValue ignored -> null;
            case StringValue text -> text.getValue();
            case BooleanValue bool -> bool.isValue();
            case IntValue integer -> integer.getValue().intValue();
            case FloatValue decimal -> decimal.getValue().doubleValue();
            case EnumValue enumValue -> enumValue.getName();
            case VariableReference reference -> variables.get(reference.getName());
            case ArrayValue array -> {
                List<Object> list = new ArrayList<>();
                array.getValues().forEach(item -> list.add(literal(item, variables)));
                yield list;
            }
            case ObjectValue object -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (ObjectField field : object.getObjectFields()) {
                    map.put(field.getName(), literal(field.getValue(), variables));
                }
                yield map;
            }
            default -> throw new CoercingParseLiteralException("unexpected literal " + value);
        };
    }
}
