package io.stocklab.server.platform.openapi;

import io.stocklab.server.platform.error.ProblemType;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Arrays;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: bearer JWT scheme, a {@code Problem} schema, and on every operation the error answers it
 * can give (derived from what the operation is: secured, admin-only, with a body, with a path id).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {
    static final String BEARER = "bearerAuth";
    static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Bean
    OpenAPI stockLabOpenApi() {
        return new OpenAPI()
                .info(new Info().title("StockLab API").version("v1")
                        .description("Quant investment platform. Errors are RFC 9457 problem details "
                                + "(application/problem+json) whose `type` is one of "
                                + String.join(", ", Arrays.stream(ProblemType.values())
                                .map(t -> "`" + t.uri() + "`").toList())
                                + ". Every response carries `X-Request-Id` and `X-Process-Time` (milliseconds)."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("Access token from /api/v1/auth/login or /api/v1/auth/refresh"))
                        .addSchemas("Problem", problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }

    @Bean
    OpenApiCustomizer problemResponsesCustomizer() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    documentErrors(path, method, operation)));
        };
    }

    private static void documentErrors(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        boolean secured = operation.getSecurity() == null || !operation.getSecurity().isEmpty();
        if (operation.getRequestBody() != null) {
            add(responses, "400", "Malformed JSON body");
            add(responses, "413", "Request body too large");
            add(responses, "415", "Unsupported content type (send application/json)");
            add(responses, "422", "Invalid content; `errors` lists each field and what is wrong with it");
        }
        if (secured) {
            add(responses, "401", "Missing, invalid, expired or revoked access token");
        }
        if (path.startsWith("/api/v1/admin")) {
            add(responses, "403", "Needs the ADMIN role");
        }
        if (path.contains("{")) {
            add(responses, "400", "Malformed path parameter");
            add(responses, "404", "Not found");
        }
        if (path.startsWith("/api/")) {
            ApiResponse tooMany = add(responses, "429", "Rate limit or quota exceeded; see Retry-After");
            tooMany.addHeaderObject("Retry-After", new Header().description("Seconds to wait")
                    .schema(new IntegerSchema()));
        }
        add(responses, "500", "Unexpected server error (no internals are disclosed; quote the requestId)");
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                response.setContent(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
            }
        });
    }

    private static ApiResponse add(ApiResponses responses, String code, String description) {
        return responses.computeIfAbsent(code, c -> new ApiResponse().description(description));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.setProperties(Map.of("field", new StringSchema(), "message", new StringSchema()));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details");
        problem.setProperties(new java.util.LinkedHashMap<>(Map.<String, Schema>of(
                "type", new StringSchema().format("uri").example(ProblemType.VALIDATION.uri().toString()),
                "title", new StringSchema(),
                "status", new IntegerSchema(),
                "detail", new StringSchema(),
                "instance", new StringSchema().format("uri-reference"),
                "requestId", new StringSchema(),
                "errors", new ArraySchema().items(fieldError).description("validation errors (422 only)"))));
        problem.setRequired(java.util.List.of("type", "title", "status"));
        return problem;
    }
}
