package io.execready.harness.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/** Fails in its constructor, as a handler does whose configuration is missing. */
public final class MisconfiguredHandler implements RequestStreamHandler {

    public MisconfiguredHandler() {
        throw new IllegalStateException("FINDINGS_TOPIC_ARN is not set");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new AssertionError("never constructed");
    }
}
