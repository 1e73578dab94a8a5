package dev.caprune.cli;

/** Marks the commands that call CodeArtifact: their runs start {@link Prewarm}. */
interface CallsAws {}
