package io.stocklab.server.platform.quota;

/** Subscription plans; each has its own quotas ({@code stocklab.quotas.plans.*}). */
public enum Plan {
    FREE,
    PRO
}
