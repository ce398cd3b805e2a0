package io.stocklab.server.platform.web;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP settings of the StockLab API.
 *
 * @param maxBodySize largest accepted request body; bigger ones get 413
 * @param corsAllowedOrigins origins allowed to call the API from a browser (exact matches); empty: none
 */
@ConfigurationProperties("stocklab.http")
public record HttpProperties(@DefaultValue("1MB") DataSize maxBodySize,
                             @DefaultValue List<String> corsAllowedOrigins) {
}
