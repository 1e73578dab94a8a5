package dev.caprune.run;

import dev.caprune.codeartifact.GatewayFactory;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a run needs from the world, injected so that tests pass the sandbox, a fixed clock and a
 * scripted terminal.
 *
 * @param clock "now" for plan times and ages
 * @param gateways opens a CodeArtifact gateway for resolved settings
 * @param env the process environment (an endpoint it configures)
 * @param console the terminal
 * @param version caprune's version, recorded in the plans it writes
 */
public record RunContext(
    Clock clock,
    GatewayFactory gateways,
    Map<String, String> env,
    Console console,
    Supplier<String> version) {}
