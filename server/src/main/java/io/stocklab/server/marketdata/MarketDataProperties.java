package io.stocklab.server.marketdata;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the market-data feature ({@code stocklab.marketdata.*}).
 *
 * @param imports   limits of file imports
 * @param quotes    the latest-quote cache
 * @param update    the scheduled daily update from the providers
 * @param providers connection settings of each provider (API keys come from the environment)
 */
@ConfigurationProperties("stocklab.marketdata")
public record MarketDataProperties(@DefaultValue Imports imports, @DefaultValue Quotes quotes,
                                   @DefaultValue Update update, @DefaultValue Providers providers) {

    /**
     * @param maxUploadSize        largest accepted upload (as sent, possibly gzipped); streamed to disk, never held
     *                             in memory
     * @param maxDecompressedSize  largest accepted content after gunzip (a gzip bomb is refused at this size)
     * @param syncWait             how long the import request waits for the job before answering 202
     * @param maxListedRejections  rejected rows listed (with line and reason) per job; all are counted
     */
    public record Imports(@DefaultValue("2GB") DataSize maxUploadSize, @DefaultValue("8GB") DataSize maxDecompressedSize,
                          @DefaultValue("30s") Duration syncWait, @DefaultValue("1000") int maxListedRejections) {
    }

    /** @param ttl how long a latest quote is served from the cache (Redis in prod, in-process locally) */
    public record Quotes(@DefaultValue("30s") Duration ttl) {
    }

    /**
     * @param enabled   run the daily update at all
     * @param cron      when (six-field Spring cron) in {@code zone}; default 18:30 on weekdays, after the KRX close
     * @param zone      time zone of {@code cron} and of the market day
     * @param holidays  market holidays (no update on these days; weekends are skipped anyway)
     * @param dataset   the dataset the updates go into
     * @param providers provider ids to run, in order ({@code krx}, {@code kis}, {@code alphavantage}, {@code opendart})
     * @param symbols   codes to update with per-symbol providers (KIS, Alpha Vantage); empty: every asset of the dataset
     */
    public record Update(@DefaultValue("false") boolean enabled, @DefaultValue("0 30 18 * * MON-FRI") String cron,
                         @DefaultValue("Asia/Seoul") String zone, @DefaultValue List<LocalDate> holidays,
                         @DefaultValue("krx-demo") String dataset, @DefaultValue List<String> providers,
                         @DefaultValue List<String> symbols) {
    }

    public record Providers(@DefaultValue Provider opendart, @DefaultValue Provider krx, @DefaultValue Provider kis,
                            @DefaultValue Provider alphavantage) {
    }

    /**
     * @param baseUrl           the provider's API root (defaults per provider when empty)
     * @param apiKey            API key / service key / app key
     * @param apiSecret         app secret (KIS)
     * @param timeout           per request
     * @param maxAttempts       attempts per request (retries on 5xx, 429 and I/O errors)
     * @param backoff           first retry delay, doubled each retry
     * @param minInterval       minimum time between two requests (the provider's rate limit)
     */
    public record Provider(String baseUrl, String apiKey, String apiSecret, @DefaultValue("10s") Duration timeout,
                           @DefaultValue("4") int maxAttempts, @DefaultValue("500ms") Duration backoff,
                           @DefaultValue("0ms") Duration minInterval) {
    }
}
