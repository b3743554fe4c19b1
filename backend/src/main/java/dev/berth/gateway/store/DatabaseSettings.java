package dev.berth.gateway.store;

/** Where the store lives; an H2 file URL by default, a PostgreSQL URL when configured. */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maxPoolSize) {}
