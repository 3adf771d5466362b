package io.execready.harness.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.InputStream;
import java.io.OutputStream;

/** Kills its own runtime, as a crash (out of memory, native failure) does. */
public final class ExitingHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        System.out.println("exiting handler going down");
        System.out.flush();
        Runtime.getRuntime().halt(7);
    }
}
