package dev.portico.openapi;

import static org.eclipse.microprofile.openapi.OASFactory.createSchema;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

/**
 * The schemas of protobuf messages as the gateway writes them (proto3 JSON, protobuf's {@code JsonFormat}
 * printer): members by their lowerCamelCase JSON names, none required (default values are left out),
 * 64-bit integers as strings, unsigned 32-bit ones unsigned, enums by name (or number, when unknown),
 * bytes as base64, maps as objects, the well-known types in their JSON forms. Each message is one named
 * schema ({@link #schemas()}, for {@code components/schemas}), referred to by its full name, so nested
 * and recursive messages are described once.
 */
final class ProtoSchemas {
    private static final Map<String, SchemaType> WRAPPERS = Map.of(
            "google.protobuf.StringValue", SchemaType.STRING, "google.protobuf.BytesValue", SchemaType.STRING,
            "google.protobuf.Int64Value", SchemaType.STRING, "google.protobuf.UInt64Value", SchemaType.STRING,
            "google.protobuf.Int32Value", SchemaType.INTEGER, "google.protobuf.UInt32Value", SchemaType.INTEGER,
            "google.protobuf.BoolValue", SchemaType.BOOLEAN, "google.protobuf.DoubleValue", SchemaType.NUMBER,
            "google.protobuf.FloatValue", SchemaType.NUMBER, "google.protobuf.FieldMask", SchemaType.STRING);

    private final Map<String, Schema> schemas = new LinkedHashMap<>();

    /** The message's schema: a reference to its named schema (or, for a well-known type, its JSON form). */
    Schema of(Descriptor message) {
        Schema known = wellKnown(message.getFullName());
        if (known != null) {
            return known;
        }
        if (!schemas.containsKey(message.getFullName())) {
            Schema schema = typed(SchemaType.OBJECT).description("proto3 JSON of " + message.getFullName());
            schemas.put(message.getFullName(), schema); // before its fields: a recursive one refers to itself
            for (FieldDescriptor field : message.getFields()) {
                schema.addProperty(field.getJsonName(), field(field));
            }
        }
        return createSchema().ref(message.getFullName());
    }

    /** Every message described so far, by full name. */
    Map<String, Schema> schemas() {
        return schemas;
    }

    private static Schema wellKnown(String name) {
        if (WRAPPERS.containsKey(name)) {
            return typed(WRAPPERS.get(name));
        }
        switch (name) {
            case "google.protobuf.Timestamp":
                return typed(SchemaType.STRING).format("date-time");
            case "google.protobuf.Duration":
                return typed(SchemaType.STRING).pattern("^-?[0-9]+(\\.[0-9]{1,9})?s$");
            case "google.protobuf.Value":
                return createSchema();
            case "google.protobuf.ListValue":
                return typed(SchemaType.ARRAY).items(createSchema());
            case "google.protobuf.Struct":
                return typed(SchemaType.OBJECT);
            case "google.protobuf.Empty":
                return typed(SchemaType.OBJECT).maxProperties(0);
            default:
                return null;
        }
    }

    private Schema field(FieldDescriptor field) {
        if (field.isMapField()) {
            return typed(SchemaType.OBJECT).additionalPropertiesSchema(single(field.getMessageType().findFieldByName("value")));
        }
        Schema one = single(field);
        return field.isRepeated() ? typed(SchemaType.ARRAY).items(one) : one;
    }

    private Schema single(FieldDescriptor field) {
        switch (field.getType()) {
            case INT32: case SINT32: case SFIXED32:
                return typed(SchemaType.INTEGER).format("int32");
            case UINT32: case FIXED32:
                return typed(SchemaType.INTEGER).format("int64").minimum(BigDecimal.ZERO);
            case INT64: case SINT64: case SFIXED64:
                return typed(SchemaType.STRING).format("int64");
            case UINT64: case FIXED64:
                return typed(SchemaType.STRING).pattern("^[0-9]+$");
            case FLOAT: case DOUBLE:
                return typed(SchemaType.NUMBER).format(field.getType() == FieldDescriptor.Type.FLOAT ? "float" : "double")
                        .description("NaN, Infinity and -Infinity are written as strings");
            case BOOL:
                return typed(SchemaType.BOOLEAN);
            case BYTES:
                return typed(SchemaType.STRING).format("byte");
            case ENUM:
                return enumeration(field);
            case MESSAGE: case GROUP:
                return of(field.getMessageType());
            default:
                return typed(SchemaType.STRING);
        }
    }

    /** An enum by value name; a number the descriptor does not name is written as that number. */
    private static Schema enumeration(FieldDescriptor field) {
        if (field.getEnumType().getFullName().equals("google.protobuf.NullValue")) {
            return typed(SchemaType.NULL);
        }
        Schema names = typed(SchemaType.STRING);
        for (EnumValueDescriptor value : field.getEnumType().getValues()) {
            names.addEnumeration(value.getName());
        }
        return createSchema().anyOf(List.of(names, typed(SchemaType.INTEGER)));
    }

    private static Schema typed(SchemaType type) {
        return createSchema().addType(type);
    }
}
