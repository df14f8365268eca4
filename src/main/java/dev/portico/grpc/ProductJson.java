package dev.portico.grpc;

import static dev.portico.json.Jsons.JSON;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import jakarta.json.JsonObject;
import java.io.StringReader;

/** Protobuf messages as JSON, in the proto3 JSON mapping (lowerCamel names, int64 as strings). */
public final class ProductJson {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private ProductJson() {
    }

    public static String text(MessageOrBuilder message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a generated message that cannot be printed as JSON", e);
        }
    }

    public static JsonObject object(MessageOrBuilder message) {
        return JSON.createReader(new StringReader(text(message))).readObject();
    }
}
