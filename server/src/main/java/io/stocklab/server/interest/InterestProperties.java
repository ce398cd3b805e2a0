package io.stocklab.server.interest;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stocklab.interests.*}.
 *
 * @param watchlistMax symbols on one user's watchlist
 * @param recentMax    recently viewed symbols kept per user (the oldest drop out)
 * @param followsMax   strategies one user may follow
 */
@ConfigurationProperties("stocklab.interests")
record InterestProperties(Integer watchlistMax, Integer recentMax, Integer followsMax) {
    InterestProperties {
        if (watchlistMax == null) watchlistMax = 200;
        if (recentMax == null) recentMax = 50;
        if (followsMax == null) followsMax = 500;
    }
}
