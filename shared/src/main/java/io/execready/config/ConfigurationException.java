package io.execready.config;

import io.execready.engine.ExecReadyException;

/** A setting is missing or malformed; the message names the environment variable. */
public final class ConfigurationException extends ExecReadyException {

    public ConfigurationException(String message) {
        super(message);
    }
}
