package io.stocklab.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * StockLab server. Profiles: {@code local} (default, embedded) and {@code prod} (PostgreSQL + Redis). With
 * {@code import} as the first argument it runs the command-line import instead ({@code ImportCli}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class StockLabApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("import")) {
            // the command-line import: `java -jar stocklab-server.jar import [options] FILE` (bin/stocklab import)
            io.stocklab.server.marketdata.ImportCli.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(StockLabApplication.class, args);
    }
}
