package io.stocklab.engine.data;

import java.io.IOException;
import java.nio.file.Path;

/** Reads and writes dataset directories ({@code stocklab generate} output). Placeholder until the generator lands. */
public final class DatasetDirectory {
    private DatasetDirectory() {
    }

    public static MarketPanel read(Path dir) throws IOException {
        throw new DataFormatException(dir + ": dataset directories are not supported yet");
    }
}
