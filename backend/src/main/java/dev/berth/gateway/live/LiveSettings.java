package dev.berth.gateway.live;

import java.time.Duration;

/**
 * Timing of the live channels.
 *
 * @param heartbeat interval of the server's WebSocket ping frames
 * @param terminalIdleTimeout a terminal or attach session without client input this long is closed
 */
public record LiveSettings(Duration heartbeat, Duration terminalIdleTimeout) {}
