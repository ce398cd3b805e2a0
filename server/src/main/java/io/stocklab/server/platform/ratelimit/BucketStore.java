package io.stocklab.server.platform.ratelimit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import java.util.function.Supplier;

/** Where token buckets live: in this process (local) or in Redis, shared by every instance (prod). */
interface BucketStore {

    Bucket bucket(String key, Supplier<BucketConfiguration> configuration);
}
