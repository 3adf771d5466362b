package io.execready.harness.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Answers with the event it got and what the runtime told it, so tests can see both sides. */
public final class EchoHandler implements RequestStreamHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        System.out.println("EchoHandler initialising");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ObjectNode answer = JSON.createObjectNode();
        answer.set("event", JSON.readTree(input));
        answer.put("requestId", context.getAwsRequestId());
        answer.put("functionName", context.getFunctionName());
        answer.put("invokedFunctionArn", context.getInvokedFunctionArn());
        answer.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
        answer.put("greeting", System.getenv("GREETING"));
        answer.put("region", System.getenv("AWS_REGION"));
        System.out.println("echo handling " + context.getAwsRequestId());
        context.getLogger().log("logged through the Lambda logger");
        JSON.writeValue(output, answer);
    }
}
