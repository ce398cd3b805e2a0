package io.stocklab.server.backtest;

import io.stocklab.engine.spec.SpecReader;
import io.stocklab.engine.spec.StrategySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result-cache key of a backtest: SHA-256 of the effective spec (defaults filled in, the name left out: it
 * changes no number), the dataset id, the data version and the engine version.
 */
public final class ConfigHash {
    private ConfigHash() {
    }

    public static String of(StrategySpec spec, String datasetId, String dataVersion, String engineVersion) {
        ObjectNode tree = (ObjectNode) SpecReader.toTree(spec);
        tree.remove("name");
        tree.remove("dataset");
        String canonical = tree.toString() + "\n" + datasetId + "\n" + dataVersion + "\n" + engineVersion;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
