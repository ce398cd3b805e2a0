package io.stocklab.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** StockLab server. Profiles: {@code local} (default, embedded) and {@code prod} (PostgreSQL + Redis). */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class StockLabApplication {

    public static void main(String[] args) {
        SpringApplication.run(StockLabApplication.class, args);
    }
}
