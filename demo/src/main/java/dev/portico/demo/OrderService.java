package dev.portico.demo;

import static dev.portico.demo.JsonValues.JSON;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The reference Order service: GraphQL over HTTP (POST /graphql) on a real GraphQL engine, own store. */
public final class OrderService extends HttpService {
    static final String SCHEMA = """
            type Query {
              orders(userId: ID!): [Order!]!
              order(id: ID!): Order
            }
            type Mutation {
              createOrder(input: CreateOrderInput!): Order!
            }
            input CreateOrderInput {
              userId: ID!
              items: [LineItemInput!]!
            }
            input LineItemInput {
              productId: ID!
              quantity: Int!
            }
            type Order {
              id: ID!
              userId: ID!
              status: String!
              items: [LineItem!]!
            }
            type LineItem {
              productId: ID!
              productName: String!
              quantity: Int!
            }
            """;

    private static final Map<String, String> PRODUCT_NAMES = Map.of(
            "1", "Analytical Engine", "2", "Difference Engine", "3", "Punched Cards");

    private final Map<String, Map<String, Object>> orders = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger(1000);
    private final GraphQL graphQL;

    public OrderService(int port) {
        super("orders", port);
        store("o-1", "123", "DELIVERED", List.of(item("1", 1), item("3", 200)));
        store("o-2", "123", "SHIPPED", List.of(item("2", 1)));
        store("o-3", "124", "NEW", List.of(item("3", 10)));
        graphQL = GraphQL.newGraphQL(schema()).build();
    }

    private static Map<String, Object> item(String productId, int quantity) {
        return Map.of("productId", productId,
                "productName", PRODUCT_NAMES.getOrDefault(productId, "unknown"), "quantity", quantity);
    }

    private Map<String, Object> store(String id, String userId, String status, List<Map<String, Object>> items) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", id);
        order.put("userId", userId);
        order.put("status", status);
        order.put("items", items);
        orders.put(id, order);
        return order;
    }

    private GraphQLSchema schema() {
        DataFetcher<List<Map<String, Object>>> byUser = env -> orders.values().stream()
                .filter(o -> o.get("userId").equals(env.getArgument("userId")))
                .sorted((a, b) -> ((String) a.get("id")).compareTo((String) b.get("id")))
                .toList();
        DataFetcher<Object> byId = env -> {
            Map<String, Object> order = orders.get((String) env.getArgument("id"));
            if (order != null) {
                return order;
            }
            return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env)
                    .message("no order with id " + env.getArgument("id"))
                    .extensions(Map.of("code", "NOT_FOUND")).build()).build();
        };
        DataFetcher<Object> create = env -> {
            Map<String, Object> input = env.getArgument("input");
            List<Map<String, Object>> items = new ArrayList<>();
            for (Object raw : (List<?>) input.get("items")) {
                Map<?, ?> in = (Map<?, ?>) raw;
                int quantity = (Integer) in.get("quantity");
                if (quantity <= 0) {
                    return DataFetcherResult.newResult().error(GraphqlErrorBuilder.newError(env)
                            .message("quantity must be positive")
                            .extensions(Map.of("code", "BAD_USER_INPUT")).build()).build();
                }
                items.add(item((String) in.get("productId"), quantity));
            }
            return store("o-" + nextId.incrementAndGet(), (String) input.get("userId"), "NEW", items);
        };
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Query", t -> t.dataFetcher("orders", byUser).dataFetcher("order", byId))
                .type("Mutation", t -> t.dataFetcher("createOrder", create))
                .build();
        return new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA), wiring);
    }

    @Override
    protected Reply handle(String method, String path, String query, String body) {
        if (path.equals("/health") || path.equals("/health/ready")) {
            return Reply.json(200, "{\"status\":\"UP\"}");
        }
        if (!path.equals("/graphql")) {
            return Reply.json(404, "{\"error\":\"no such resource\"}");
        }
        if (!"POST".equals(method)) {
            return Reply.json(405, "{\"error\":\"use POST\"}");
        }
        JsonObject request;
        try {
            request = JSON.createReader(new StringReader(body)).readObject();
        } catch (JsonException | ClassCastException e) {
            return Reply.json(400, "{\"errors\":[{\"message\":\"request body is not a JSON object\"}]}");
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        if (request.get("variables") instanceof JsonObject vars) {
            variables.putAll(castMap(JsonValues.toPlain(vars)));
        }
        ExecutionResult result = graphQL.execute(ExecutionInput.newExecutionInput()
                .query(request.getString("query", ""))
                .operationName(request.getString("operationName", null))
                .variables(variables)
                .build());
        return Reply.json(200, JsonValues.toJson(result.toSpecification()).toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
