package dev.portico.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.portico.config.Durations;
import dev.portico.observe.Metrics;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.metrics.Metadata;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The operations files under {@code ops/} (Grafana dashboard, Prometheus scrape config and alerts,
 * Kubernetes manifests) are never run by the build, so this reads them and checks what would otherwise
 * only fail in a cluster: metric names against {@link Metrics}, the operator's CRD, probes, selectors.
 */
class OpsFilesTest {
    private static final Path OPS = Path.of("ops");

    /** Every file under ops/: a new one must be added here and to a check below. */
    private static final Set<String> FILES = Set.of("grafana/portico.json", "prometheus/prometheus.yml",
            "prometheus/alerts.yml", "k8s/portico.yaml", "k8s/hazelcast.yaml", "k8s/routes-configmap.yaml",
            "k8s/pdb.yaml", "admin-console.png");

    private enum Kind { COUNTER, TIMER, GAUGE }

    /** How each of the gateway's metrics is registered, hence how Prometheus names it. */
    private static final Map<Metadata, Kind> KINDS = Map.ofEntries(
            Map.entry(Metrics.REQUESTS, Kind.COUNTER), Map.entry(Metrics.REQUEST_DURATION, Kind.TIMER),
            Map.entry(Metrics.BACKEND_DURATION, Kind.TIMER), Map.entry(Metrics.BACKEND_ERRORS, Kind.COUNTER),
            Map.entry(Metrics.CIRCUIT_OPEN, Kind.GAUGE), Map.entry(Metrics.CIRCUIT_STATE, Kind.GAUGE),
            Map.entry(Metrics.INSTANCES_AVAILABLE, Kind.GAUGE), Map.entry(Metrics.RATELIMIT_REJECTED, Kind.COUNTER),
            Map.entry(Metrics.CACHE_REQUESTS, Kind.COUNTER), Map.entry(Metrics.CACHE_ENTRIES, Kind.GAUGE),
            Map.entry(Metrics.ACCESS_LOG_DROPPED, Kind.COUNTER));

    /** Liberty's MicroProfile Metrics 5.x base scope (SmallRye's base metrics, Micrometer's Prometheus names). */
    private static final Set<String> JVM_METRICS = Set.of("memory_usedHeap_bytes", "memory_committedHeap_bytes",
            "memory_maxHeap_bytes", "gc_total", "gc_time_seconds");

    private static final Set<String> PROMQL_FUNCTIONS = Set.of("sum", "min", "max", "avg", "count", "topk",
            "bottomk", "rate", "irate", "increase", "histogram_quantile", "label_replace", "clamp_min", "clamp_max",
            "abs", "absent", "vector", "scalar", "avg_over_time", "max_over_time", "min_over_time");
    private static final Set<String> PROMQL_WORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![A-Za-z0-9_:.$])([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?");
    private static final Pattern PROM_DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");

    /** The labels the Open Liberty Operator puts on an OpenLibertyApplication's pods (api/v1 GetLabels). */
    private static Map<String, String> operatorPodLabels(String name) {
        return Map.of("app.kubernetes.io/instance", name, "app.kubernetes.io/name", name,
                "app.kubernetes.io/managed-by", "open-liberty-operator", "app.kubernetes.io/component", "backend");
    }

    @Test
    void everyFileUnderOpsIsKnownAndParses() throws IOException {
        Set<String> found;
        try (Stream<Path> files = Files.walk(OPS)) {
            found = files.filter(Files::isRegularFile).map(p -> OPS.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(new TreeSet<>(FILES), found, "files under ops/");
        for (String file : found) {
            if (file.endsWith(".json")) {
                assertNotNull(json(file));
            } else if (file.endsWith(".png")) { // the console's screenshot (AdminConsoleIT takes it), as the README shows it
                byte[] png = Files.readAllBytes(OPS.resolve(file));
                assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', file + " is a PNG");
            } else {
                assertFalse(yamlAll(file).isEmpty(), file);
            }
        }
    }

    @Test
    void dashboardQueriesOnlyTheGatewaysMetricsThroughADatasourceVariable() throws IOException {
        JsonObject dash = json("grafana/portico.json");
        assertTrue(dash.getInt("schemaVersion") >= 36, "schemaVersion");
        List<JsonObject> vars = dash.getJsonObject("templating").getJsonArray("list").getValuesAs(JsonObject.class);
        JsonObject ds = vars.stream().filter(v -> v.getString("type").equals("datasource")).findFirst()
                .orElseThrow(() -> new AssertionError("no datasource variable"));
        assertEquals("prometheus", ds.getString("query"));
        String dsRef = "${" + ds.getString("name") + "}";
        Set<String> known = knownMetrics();
        Set<String> used = new HashSet<>();

        for (JsonObject v : vars) {
            if (v.getString("type").equals("query")) {
                assertEquals(dsRef, v.getJsonObject("datasource").getString("uid"), v.getString("name"));
                Matcher m = Pattern.compile("^label_values\\(([A-Za-z_:][A-Za-z0-9_:]*)").matcher(v.getString("definition"));
                assertTrue(m.find() && known.contains(m.group(1)), "variable " + v.getString("name"));
            }
        }
        Set<Integer> ids = new HashSet<>();
        List<JsonObject> panels = new ArrayList<>();
        for (JsonObject p : dash.getJsonArray("panels").getValuesAs(JsonObject.class)) {
            panels.add(p);
            if (p.containsKey("panels")) {
                panels.addAll(p.getJsonArray("panels").getValuesAs(JsonObject.class));
            }
        }
        for (JsonObject p : panels) {
            String title = p.getString("title");
            assertTrue(ids.add(p.getInt("id")), "panel id repeated: " + title);
            JsonObject grid = p.getJsonObject("gridPos");
            assertTrue(grid.getInt("x") + grid.getInt("w") <= 24, "gridPos: " + title);
            if (p.getString("type").equals("row")) {
                continue;
            }
            assertEquals(dsRef, p.getJsonObject("datasource").getString("uid"), "datasource of " + title);
            Set<String> refIds = new HashSet<>();
            for (JsonObject t : p.getJsonArray("targets").getValuesAs(JsonObject.class)) {
                assertTrue(refIds.add(t.getString("refId")), "refId repeated: " + title);
                assertEquals(dsRef, t.getJsonObject("datasource").getString("uid"), "datasource of " + title);
                String expr = t.getString("expr");
                Set<String> metrics = metricsIn(expr, known, title);
                used.addAll(metrics);
                if (metrics.stream().anyMatch(n -> n.startsWith("portico_"))) {
                    // Every node is scraped: a gateway panel aggregates across them.
                    assertTrue(expr.matches("(?s)(sum|max|min|histogram_quantile)\\b.*"), "not aggregated: " + title);
                }
                if (expr.contains("histogram_quantile")) {
                    assertTrue(expr.contains("by (le"), "quantile of summed buckets needs le: " + title);
                }
            }
        }
        for (Map.Entry<Metadata, Kind> m : KINDS.entrySet()) {
            assertTrue(prometheusNames(m.getKey(), m.getValue()).stream().anyMatch(used::contains),
                    "no panel shows " + m.getKey().getName());
        }

        JsonObject breaker = panels.stream().filter(p -> p.containsKey("targets") && p.getJsonArray("targets")
                        .getValuesAs(JsonObject.class).stream()
                        .anyMatch(t -> t.getString("expr").contains("portico_backend_circuit_state")))
                .findFirst().orElseThrow();
        JsonObject mapped = breaker.getJsonObject("fieldConfig").getJsonObject("defaults").getJsonArray("mappings")
                .getJsonObject(0).getJsonObject("options");
        assertEquals("closed", mapped.getJsonObject("0").getString("text"));
        assertEquals("open", mapped.getJsonObject("1").getString("text"));
        assertEquals("half-open", mapped.getJsonObject("2").getString("text"));
    }

    @Test
    void prometheusScrapesEveryNodeAtMetrics() {
        Map<String, Object> prom = yaml("prometheus/prometheus.yml");
        for (Object file : list(prom.get("rule_files"))) {
            assertTrue(Files.isRegularFile(OPS.resolve("prometheus").resolve((String) file)), "rule file " + file);
        }
        List<Map<String, Object>> jobs = maps(prom.get("scrape_configs"));
        assertFalse(jobs.isEmpty());
        Set<String> actions = Set.of("replace", "keep", "drop", "keepequal", "dropequal", "hashmod", "labelmap",
                "labeldrop", "labelkeep", "lowercase", "uppercase");
        Map<String, Object> app = only(manifests(), "OpenLibertyApplication");
        boolean podsKept = false;
        for (Map<String, Object> job : jobs) {
            String name = (String) job.get("job_name");
            assertEquals("/metrics", job.get("metrics_path"), name);
            assertTrue(job.containsKey("static_configs") || job.containsKey("kubernetes_sd_configs"), name);
            for (Map<String, Object> r : maps(job.getOrDefault("relabel_configs", List.of()))) {
                assertTrue(actions.contains(r.getOrDefault("action", "replace")), name + ": " + r);
                if (List.of("__meta_kubernetes_pod_label_app_kubernetes_io_instance").equals(r.get("source_labels"))) {
                    podsKept = "keep".equals(r.get("action")) && map(app.get("metadata")).get("name").equals(r.get("regex"));
                }
                if (List.of("__meta_kubernetes_pod_container_port_number").equals(r.get("source_labels"))) {
                    assertEquals(String.valueOf(map(map(app.get("spec")).get("service")).get("port")), r.get("regex"));
                }
            }
        }
        assertTrue(podsKept, "a kubernetes_sd job keeps the OpenLibertyApplication's pods by their instance label");
    }

    @Test
    void alertRulesAreCompleteAndUseKnownMetrics() {
        Set<String> known = new HashSet<>(knownMetrics());
        known.add("up");
        Set<String> names = new HashSet<>();
        for (Map<String, Object> group : maps(yaml("prometheus/alerts.yml").get("groups"))) {
            assertKeys(group, Set.of("name", "interval", "limit", "query_offset", "rules"), "group");
            for (Map<String, Object> rule : maps(group.get("rules"))) {
                String alert = (String) rule.get("alert");
                assertNotNull(alert, "a rule without alert: " + rule);
                assertTrue(names.add(alert), "alert repeated: " + alert);
                assertKeys(rule, Set.of("alert", "expr", "for", "keep_firing_for", "labels", "annotations"), alert);
                assertFalse(metricsIn((String) rule.get("expr"), known, alert).isEmpty(), alert);
                assertTrue(PROM_DURATION.matcher(String.valueOf(rule.get("for"))).matches(), alert + ": for");
                String severity = String.valueOf(map(rule.get("labels")).get("severity"));
                assertTrue(Set.of("info", "warning", "critical").contains(severity), alert + ": labels.severity");
                Map<String, Object> annotations = map(rule.get("annotations"));
                for (String a : List.of("summary", "description")) {
                    assertFalse(String.valueOf(annotations.getOrDefault(a, "")).isBlank(), alert + ": annotations." + a);
                }
            }
        }
        assertFalse(names.isEmpty());
    }

    @Test
    void manifestsUseKnownKindsAndReferToEachOther() {
        Map<String, Set<String>> expected = Map.of("v1", Set.of("ServiceAccount", "ConfigMap", "Service"),
                "rbac.authorization.k8s.io/v1", Set.of("Role", "RoleBinding"), "apps/v1", Set.of("StatefulSet"),
                "policy/v1", Set.of("PodDisruptionBudget"), "apps.openliberty.io/v1", Set.of("OpenLibertyApplication"));
        List<Map<String, Object>> all = manifests();
        Map<String, Set<String>> names = new HashMap<>();
        for (Map<String, Object> m : all) {
            String kind = (String) m.get("kind");
            assertTrue(expected.getOrDefault((String) m.get("apiVersion"), Set.of()).contains(kind),
                    m.get("apiVersion") + " " + kind);
            String name = (String) map(m.get("metadata")).get("name");
            assertTrue(name != null && name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?"), kind + " name " + name);
            assertTrue(names.computeIfAbsent(kind, k -> new HashSet<>()).add(name), kind + " " + name + " repeated");
        }

        // Workloads and the labels of their pods.
        Map<String, Map<String, Object>> podLabels = new HashMap<>();
        for (Map<String, Object> m : all) {
            Map<String, Object> spec = spec(m);
            String name = (String) map(m.get("metadata")).get("name");
            if (m.get("kind").equals("StatefulSet")) {
                Map<String, Object> labels = map(map(map(spec.get("template")).get("metadata")).get("labels"));
                assertTrue(labels.entrySet().containsAll(map(map(spec.get("selector")).get("matchLabels")).entrySet()),
                        "StatefulSet " + name + " selects its own pods");
                assertTrue(named(names, "Service").contains(spec.get("serviceName")), "serviceName of " + name);
                Map<String, Object> pod = map(map(spec.get("template")).get("spec"));
                assertTrue(named(names, "ServiceAccount").contains(pod.get("serviceAccountName")), name);
                for (Map<String, Object> volume : maps(pod.getOrDefault("volumes", List.of()))) {
                    if (volume.containsKey("configMap")) {
                        assertTrue(named(names, "ConfigMap").contains(map(volume.get("configMap")).get("name")), name);
                    }
                }
                podLabels.put("StatefulSet " + name, labels);
            } else if (m.get("kind").equals("OpenLibertyApplication")) {
                podLabels.put("OpenLibertyApplication " + name, new HashMap<>(operatorPodLabels(name)));
                for (Map<String, Object> from : maps(spec.getOrDefault("envFrom", List.of()))) {
                    assertTrue(named(names, "ConfigMap").contains(map(from.get("configMapRef")).get("name")), name);
                }
            }
        }
        for (Map<String, Object> m : all) {
            String name = m.get("kind") + " " + map(m.get("metadata")).get("name");
            if (m.get("kind").equals("Service")) {
                assertEquals(1, selected(podLabels, map(spec(m).get("selector"))).size(), name + " selects one workload");
            } else if (m.get("kind").equals("RoleBinding")) {
                assertTrue(named(names, "Role").contains(map(m.get("roleRef")).get("name")), name + " roleRef");
                for (Map<String, Object> s : maps(m.get("subjects"))) {
                    assertTrue(named(names, (String) s.get("kind")).contains(s.get("name")), name + " subject");
                }
            }
        }

        // Every workload has a PodDisruptionBudget, selecting its pods and only them.
        Set<String> covered = new HashSet<>();
        for (Map<String, Object> pdb : all.stream().filter(m -> m.get("kind").equals("PodDisruptionBudget")).toList()) {
            Map<String, Object> spec = spec(pdb);
            assertKeys(spec, Set.of("minAvailable", "maxUnavailable", "selector", "unhealthyPodEvictionPolicy"), "PDB spec");
            assertTrue(spec.containsKey("minAvailable") ^ spec.containsKey("maxUnavailable"),
                    "minAvailable or maxUnavailable");
            assertKeys(map(spec.get("selector")), Set.of("matchLabels", "matchExpressions"), "PDB selector");
            List<String> workloads = selected(podLabels, map(map(spec.get("selector")).get("matchLabels")));
            assertEquals(1, workloads.size(), "PDB " + map(pdb.get("metadata")).get("name") + " selects " + workloads);
            covered.addAll(workloads);
        }
        assertEquals(podLabels.keySet(), covered, "workloads with a PodDisruptionBudget");
    }

    @Test
    void gatewayMatchesTheOperatorsCrdAndProbesTheHealthEndpoints() throws IOException {
        Map<String, Object> app = only(manifests(), "OpenLibertyApplication");
        Map<String, Object> crd;
        try (InputStream in = getClass().getResourceAsStream("/ops/openlibertyapplications.crd.yaml")) {
            crd = map(new Load(settings()).loadFromInputStream(in));
        }
        Map<String, Object> version = maps(map(crd.get("spec")).get("versions")).stream()
                .filter(v -> app.get("apiVersion").equals(map(crd.get("spec")).get("group") + "/" + v.get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no CRD version for " + app.get("apiVersion")));
        List<String> errors = new ArrayList<>();
        walk(app, map(map(version.get("schema")).get("openAPIV3Schema")), "", errors);
        assertEquals(List.of(), errors, "OpenLibertyApplication against the operator's CRD");

        Map<String, Object> spec = map(app.get("spec"));
        Object port = map(spec.get("service")).get("port");
        Map<String, Object> probes = map(spec.get("probes"));
        Map<String, String> paths = Map.of("startup", "/health/started", "liveness", "/health/live",
                "readiness", "/health/ready");
        for (Map.Entry<String, String> probe : paths.entrySet()) {
            Map<String, Object> get = map(map(probes.get(probe.getKey())).get("httpGet"));
            assertEquals(probe.getValue(), get.get("path"), probe.getKey());
            assertEquals(port, get.get("port"), probe.getKey() + " port");
        }

        // The pod is killed 30 s after SIGTERM (Kubernetes' default: the CRD cannot change it), so the
        // drain must be over before.
        Map<String, String> env = new HashMap<>();
        maps(spec.get("env")).forEach(e -> env.put((String) e.get("name"), String.valueOf(e.get("value"))));
        Duration drain = Durations.parse(env.getOrDefault("PORTICO_SHUTDOWN_GRACE", "5s"))
                .plus(Durations.parse(env.getOrDefault("PORTICO_SHUTDOWN_TIMEOUT", "30s")));
        assertTrue(drain.compareTo(Duration.ofSeconds(30)) < 0, "grace + timeout " + drain + " within 30 s");
    }

    @Test
    void routesConfigMapNamesOnlyDeclaredBackendsAndCompleteRoutes() throws IOException {
        Map<String, Object> data = map(manifests().stream().filter(m -> m.get("kind").equals("ConfigMap")
                && map(m.get("metadata")).get("name").equals("portico-routes")).findFirst().orElseThrow().get("data"));
        Properties packaged = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/META-INF/microprofile-config.properties"))) {
            packaged.load(in);
        }
        Map<String, String> env = new HashMap<>();
        packaged.stringPropertyNames().forEach(k -> env.put(envForm(k), packaged.getProperty(k)));
        data.forEach((k, v) -> {
            assertTrue(k.matches("PORTICO_[A-Z0-9_]+"), "environment-variable form: " + k);
            env.put(k, String.valueOf(v));
        });
        Set<String> backends = Set.of(env.get("PORTICO_BACKENDS").split(","));
        for (String b : backends) {
            assertTrue(env.containsKey("PORTICO_BACKEND_" + envForm(b) + "_URLS"), "urls of backend " + b);
        }
        for (String r : env.get("PORTICO_ROUTES").split(",")) {
            String prefix = "PORTICO_ROUTE_" + envForm(r) + "_";
            assertTrue(env.containsKey(prefix + "PATH"), "path of route " + r);
            String backend = env.get(prefix + "BACKEND");
            assertTrue(backend == null ? env.containsKey(prefix + "PARTS") : backends.contains(backend),
                    "backend of route " + r + ": " + backend);
        }
    }

    // --- PromQL -------------------------------------------------------------------------------------

    /** The metric names in a PromQL expression; fails on a name or function not known. */
    private static Set<String> metricsIn(String expr, Set<String> known, String where) {
        String s = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", " ")
                .replaceAll("\\{[^{}]*}", " ")
                .replaceAll("\\[[^\\]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> metrics = new HashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group(1);
            if (m.group(2) != null) {
                assertTrue(PROMQL_FUNCTIONS.contains(word), where + ": unknown function " + word + " in " + expr);
            } else if (!PROMQL_WORDS.contains(word)) {
                assertTrue(known.contains(word), where + ": unknown metric " + word + " in " + expr);
                metrics.add(word);
            }
        }
        assertFalse(metrics.isEmpty(), where + ": no metric in " + expr);
        return metrics;
    }

    /** Every series name the gateway and Liberty's base scope expose. */
    private static Set<String> knownMetrics() {
        for (Field f : Metrics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Metadata.class) {
                try {
                    assertTrue(KINDS.containsKey((Metadata) f.get(null)), "kind of Metrics." + f.getName());
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        Set<String> names = new HashSet<>(JVM_METRICS);
        KINDS.forEach((m, kind) -> names.addAll(prometheusNames(m, kind)));
        return names;
    }

    /** MP Metrics 5.1 on Liberty: counters get _total, timers are histograms in seconds, gauges keep the name. */
    private static List<String> prometheusNames(Metadata m, Kind kind) {
        String n = m.getName();
        return switch (kind) {
            case COUNTER -> List.of(n + "_total");
            case TIMER -> List.of(n + "_seconds_bucket", n + "_seconds_count", n + "_seconds_sum");
            case GAUGE -> List.of(n);
        };
    }

    // --- The CRD's schema -----------------------------------------------------------------------------

    /** Checks {@code value} against an OpenAPI v3 schema as the API server would: unknown fields fail. */
    private static void walk(Object value, Map<String, Object> schema, String path, List<String> errors) {
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            if (!(value instanceof Integer || value instanceof Long || value instanceof String)) {
                errors.add(path + ": not an integer or string");
            }
            checkPattern(value, schema, path, errors);
            return;
        }
        String type = (String) schema.get("type");
        if ("object".equals(type)) {
            if (!(value instanceof Map<?, ?> object)) {
                errors.add(path + ": not an object");
                return;
            }
            Map<String, Object> properties = map(schema.getOrDefault("properties", Map.of()));
            Object additional = schema.get("additionalProperties");
            boolean open = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"))
                    || (properties.isEmpty() && additional == null);
            for (Map.Entry<?, ?> e : object.entrySet()) {
                String key = String.valueOf(e.getKey());
                if (properties.containsKey(key)) {
                    walk(e.getValue(), map(properties.get(key)), path + "." + key, errors);
                } else if (additional instanceof Map<?, ?>) {
                    walk(e.getValue(), map(additional), path + "." + key, errors);
                } else if (!open) {
                    errors.add(path + "." + key + ": unknown field (known: " + new TreeSet<>(properties.keySet()) + ")");
                }
            }
            for (Object required : list(schema.getOrDefault("required", List.of()))) {
                if (!object.containsKey(required)) {
                    errors.add(path + "." + required + ": required");
                }
            }
        } else if ("array".equals(type)) {
            if (!(value instanceof List<?> items)) {
                errors.add(path + ": not an array");
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), map(schema.get("items")), path + "[" + i + "]", errors);
            }
        } else if ("string".equals(type)) {
            if (!(value instanceof String)) {
                errors.add(path + ": not a string (quote it)");
            } else if (schema.containsKey("enum") && !list(schema.get("enum")).contains(value)) {
                errors.add(path + ": not one of " + schema.get("enum"));
            }
            checkPattern(value, schema, path, errors);
        } else if ("integer".equals(type)) {
            if (!(value instanceof Integer || value instanceof Long)) {
                errors.add(path + ": not an integer");
            } else {
                long v = ((Number) value).longValue();
                if (schema.get("minimum") instanceof Number min && v < min.longValue()
                        || schema.get("maximum") instanceof Number max && v > max.longValue()) {
                    errors.add(path + ": out of range");
                }
            }
        } else if ("boolean".equals(type) && !(value instanceof Boolean)) {
            errors.add(path + ": not a boolean");
        }
    }

    private static void checkPattern(Object value, Map<String, Object> schema, String path, List<String> errors) {
        if (value instanceof String s && schema.get("pattern") instanceof String p
                && !Pattern.compile(p).matcher(s).find()) {
            errors.add(path + ": '" + s + "' does not match " + p);
        }
    }

    // --- Files ----------------------------------------------------------------------------------------

    private static JsonObject json(String file) throws IOException {
        try (JsonReader reader = Json.createReader(new StringReader(Files.readString(OPS.resolve(file))))) {
            return reader.readObject();
        }
    }

    private static LoadSettings settings() {
        return LoadSettings.builder().setSchema(new CoreSchema()).setAllowDuplicateKeys(false).build();
    }

    private static List<Object> yamlAll(String file) {
        try {
            List<Object> docs = new ArrayList<>();
            new Load(settings()).loadAllFromString(Files.readString(OPS.resolve(file))).forEach(d -> {
                if (d != null) {
                    docs.add(d);
                }
            });
            return docs;
        } catch (IOException e) {
            throw new AssertionError(file, e);
        }
    }

    private static Map<String, Object> yaml(String file) {
        List<Object> docs = yamlAll(file);
        assertEquals(1, docs.size(), file);
        return map(docs.get(0));
    }

    private static List<Map<String, Object>> manifests() {
        return FILES.stream().filter(f -> f.startsWith("k8s/")).sorted().flatMap(f -> yamlAll(f).stream())
                .map(OpsFilesTest::map).toList();
    }

    private static Map<String, Object> spec(Map<String, Object> manifest) {
        return manifest.containsKey("spec") ? map(manifest.get("spec")) : Map.of();
    }

    private static Set<String> named(Map<String, Set<String>> names, String kind) {
        return names.getOrDefault(kind, Set.of());
    }

    private static Map<String, Object> only(List<Map<String, Object>> manifests, String kind) {
        List<Map<String, Object>> found = manifests.stream().filter(m -> kind.equals(m.get("kind"))).toList();
        assertEquals(1, found.size(), kind);
        return found.get(0);
    }

    /** The workloads whose pod labels include every one of {@code selector}'s. */
    private static List<String> selected(Map<String, Map<String, Object>> podLabels, Map<String, Object> selector) {
        assertFalse(selector.isEmpty(), "empty selector");
        return podLabels.entrySet().stream().filter(w -> w.getValue().entrySet().containsAll(selector.entrySet()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    private static void assertKeys(Map<String, Object> object, Set<String> allowed, String where) {
        for (String key : object.keySet()) {
            if (!allowed.contains(key)) {
                fail(where + ": unknown field " + key + " (known: " + new TreeSet<>(allowed) + ")");
            }
        }
    }

    private static String envForm(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertTrue(o instanceof Map, "not a mapping: " + o);
        return (Map<String, Object>) o;
    }

    private static List<?> list(Object o) {
        assertTrue(o instanceof List, "not a list: " + o);
        return (List<?>) o;
    }

    private static List<Map<String, Object>> maps(Object o) {
        return list(o).stream().map(OpsFilesTest::map).toList();
    }
}
