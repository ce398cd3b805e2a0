package io.stocklab.server.strategy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Built-in templates of well-known strategies ({@code strategy/templates.json}): each a valid spec with a description
 * and its source. The famous ones are backtested on the demo data at start-up (cache warming, local profile).
 */
@Component
public class StrategyTemplates {
    private static final String RESOURCE = "/strategy/templates.json";

    /** One template. */
    public record Template(String id, String name, String description, String source, boolean famous, JsonNode spec) {
    }

    private final List<Template> templates;

    StrategyTemplates() {
        try (InputStream in = StrategyTemplates.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the build");
            JsonNode root = StrategyService.JSON.readTree(in);
            List<Template> list = new ArrayList<>();
            for (JsonNode t : root) {
                list.add(new Template(t.path("id").asString(), t.path("spec").path("name").asString(),
                        t.path("spec").path("description").asString(), t.path("source").asString(),
                        t.path("famous").asBoolean(), t.path("spec")));
            }
            templates = List.copyOf(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Template> all() {
        return templates;
    }

    public List<Template> famous() {
        return templates.stream().filter(Template::famous).toList();
    }

    public Optional<Template> find(String id) {
        return templates.stream().filter(t -> t.id().equals(id)).findFirst();
    }
}
