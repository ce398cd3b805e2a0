package io.stocklab.server.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.stocklab.server.support.Api;
import io.stocklab.server.support.Api.Response;
import io.stocklab.server.support.LocalIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The web UI's API types are generated from {@code web/openapi.json}, a checked-in copy of this server's OpenAPI
 * document. This test fails when the live {@code /v3/api-docs} differs from that copy, so a changed endpoint breaks
 * the build (not the user). Run it with {@code -Dopenapi.update=true} to rewrite the copy, then rebuild the web
 * module:
 * <pre>
 * ./mvnw -pl server verify -Dit.test=OpenApiSnapshotIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dopenapi.update=true
 * </pre>
 */
@LocalIntegrationTest
class OpenApiSnapshotIT {
    private static final JsonMapper PRETTY = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    @LocalServerPort
    int port;

    @Test
    void liveOpenApiDocumentEqualsTheWebUisSnapshot() throws IOException {
        Response docs = new Api(port).get("/v3/api-docs", null);
        assertThat(docs.status()).as("GET /v3/api-docs").isEqualTo(200);
        JsonNode live = normalize(docs.json());

        Path snapshot = snapshotPath();
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(snapshot, PRETTY.writeValueAsString(live) + "\n", StandardCharsets.UTF_8);
            return;
        }
        assertThat(snapshot).as("the web UI's OpenAPI snapshot").exists();
        JsonNode saved = normalize(Api.JSON.readTree(Files.readString(snapshot, StandardCharsets.UTF_8)));
        List<String> differences = new ArrayList<>();
        diff("$", saved, live, differences);
        assertThat(differences)
                .as("""
                        The server's OpenAPI document differs from %s (the web UI's API types are generated from it).
                        Review the change, then rewrite the snapshot with -Dopenapi.update=true and rebuild the web \
                        module (npm run build) to see what it breaks. Differences (snapshot vs live):""",
                        snapshot)
                .isEmpty();
    }

    /** The checked-in copy: {@code -Dopenapi.snapshot=...}, else web/openapi.json next to the server module. */
    private static Path snapshotPath() {
        String configured = System.getProperty("openapi.snapshot");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path here = Path.of("").toAbsolutePath();
        Path candidate = here.resolve("../web/openapi.json").normalize();
        if (Files.isDirectory(here.resolve("web"))) {
            candidate = here.resolve("web/openapi.json");
        }
        return candidate;
    }

    /** Drops what depends on the run (the server URL with its random port) and sorts object keys. */
    static JsonNode normalize(JsonNode document) {
        JsonNode copy = sortKeys(document);
        if (copy instanceof ObjectNode object) {
            object.remove("servers");
        }
        return copy;
    }

    private static JsonNode sortKeys(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            Map<String, JsonNode> fields = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                fields.put(e.getKey(), sortKeys(e.getValue()));
            }
            fields.forEach(sorted::set);
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (JsonNode item : node) {
                array.add(sortKeys(item));
            }
            return array;
        }
        return node;
    }

    private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (out.size() >= 40) {
            return;
        }
        if (expected.isObject() && actual.isObject()) {
            for (Map.Entry<String, JsonNode> e : expected.properties()) {
                JsonNode other = actual.get(e.getKey());
                if (other == null) {
                    out.add("removed  " + path + "." + e.getKey());
                } else {
                    diff(path + "." + e.getKey(), e.getValue(), other, out);
                }
            }
            for (Iterator<String> names = actual.propertyNames().iterator(); names.hasNext(); ) {
                String name = names.next();
                if (!expected.has(name)) {
                    out.add("added    " + path + "." + name);
                }
            }
            return;
        }
        if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                diff(path + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
            return;
        }
        if (!expected.equals(actual)) {
            out.add("changed  " + path + ": " + abbreviate(expected) + " -> " + abbreviate(actual));
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 117) + "..." : text;
    }
}
