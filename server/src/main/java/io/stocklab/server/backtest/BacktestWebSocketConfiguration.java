package io.stocklab.server.backtest;

import io.stocklab.server.platform.error.ApiException;
import io.stocklab.server.platform.security.CurrentUser;
import java.io.IOException;
import java.security.Principal;
import java.util.Map;
import java.util.UUID;
import org.apache.tomcat.websocket.server.WsSci;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

/**
 * {@code GET /api/v1/backtests/{id}/ws}: the same states as the SSE stream, one JSON text message each (first the
 * current state, last the final one, then the server closes with 1000). The upgrade request is authenticated like
 * any API request (bearer token); a caller who may not read the backtest gets 404 before the upgrade.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class BacktestWebSocketConfiguration implements WebSocketConfigurer {
    private static final String ID = "backtestId";

    private final BacktestService service;
    private final ProgressBus bus;

    BacktestWebSocketConfiguration(BacktestService service, ProgressBus bus) {
        this.service = service;
        this.bus = bus;
    }

    /** Spring Boot's WebSocket module is not used (see pom.xml): the Tomcat WebSocket container is set up here. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> tomcatWebSocketContainer() {
        return factory -> factory.addContextCustomizers(context ->
                context.addServletContainerInitializer(new WsSci(), null));
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new Handler(), "/api/v1/backtests/*/ws").addInterceptors(new Access());
    }

    private final class Access implements HandshakeInterceptor {
        @Override
        public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response,
                                       WebSocketHandler handler, Map<String, Object> attributes) {
            String path = request.getURI().getPath();
            String[] parts = path.split("/");
            Principal principal = request.getPrincipal();
            if (!(principal instanceof Authentication auth) || !(auth.getPrincipal() instanceof CurrentUser user)) {
                response.setStatusCode(HttpStatus.UNAUTHORIZED);
                return false;
            }
            try {
                UUID id = UUID.fromString(parts[parts.length - 2]);
                service.readable(user, id);
                attributes.put(ID, id);
                return true;
            } catch (IllegalArgumentException | ApiException e) {
                response.setStatusCode(HttpStatus.NOT_FOUND);
                return false;
            }
        }

        @Override
        public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Exception exception) {
        }
    }

    private final class Handler extends TextWebSocketHandler {
        private static final String STREAM = "stream";

        @Override
        public void afterConnectionEstablished(WebSocketSession raw) {
            WebSocketSession session = new ConcurrentWebSocketSessionDecorator(raw, 10_000, 1 << 20);
            UUID id = (UUID) raw.getAttributes().get(ID);
            StateStream stream = new StateStream(id, bus, () -> service.state(id), new StateStream.Sink() {
                @Override
                public void send(StatusView state) throws IOException {
                    session.sendMessage(new TextMessage(BacktestRunner.JSON.writeValueAsString(state)));
                }

                @Override
                public void complete() {
                    try {
                        session.close(CloseStatus.NORMAL);
                    } catch (IOException e) {
                        // the client is gone already
                    }
                }
            });
            raw.getAttributes().put(STREAM, stream);
            stream.start();
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            if (session.getAttributes().get(STREAM) instanceof StateStream stream) stream.close();
        }
    }
}
