package io.stocklab.server.platform.quota;

import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quotas ({@code stocklab.quotas.*}).
 *
 * @param anonymousApiCallsPerMinute API calls per minute from one IP address without a token
 * @param plans per-plan limits; a plan missing here gets {@link PlanLimits#DEFAULT}
 */
@ConfigurationProperties("stocklab.quotas")
public record QuotaProperties(@DefaultValue("120") int anonymousApiCallsPerMinute, Map<Plan, PlanLimits> plans) {

    public QuotaProperties {
        plans = plans == null ? new EnumMap<>(Plan.class) : new EnumMap<>(plans);
    }

    public PlanLimits limits(Plan plan) {
        return plans.getOrDefault(plan, PlanLimits.DEFAULT);
    }

    /** The limits of one plan. */
    public record PlanLimits(int apiCallsPerMinute, int backtestsPerDay) {
        static final PlanLimits DEFAULT = new PlanLimits(60, 20);
    }
}
