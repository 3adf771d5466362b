package io.execready.harness.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/** Fails every invocation, as a handler with a bug does. */
public final class FailingHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        System.err.println("failing handler about to throw");
        throw new IllegalStateException("cluster not found: demo");
    }
}
