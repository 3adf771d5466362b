package io.execready.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Calls the emulator over plain HTTP, without the AWS SDK: query-protocol services (IAM, EC2, SNS)
 * and JSON-protocol ones (ECS). moto accepts unsigned requests; the Authorization header only names
 * the service and region.
 */
final class RawAwsClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String endpoint;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RawAwsClient(LocalAws aws) {
        this.endpoint = aws.endpoint();
    }

    /** A query-protocol call; parameters alternate name, value. */
    Reply query(String service, String action, String version, String... parameters) {
        List<String> pairs = new ArrayList<>(List.of("Action", action, "Version", version));
        pairs.addAll(List.of(parameters));
        String form = IntStream.range(0, pairs.size() / 2)
                .mapToObj(i -> encode(pairs.get(2 * i)) + "=" + encode(pairs.get(2 * i + 1)))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", authorization(service))
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** A JSON-protocol call, e.g. target AmazonEC2ContainerServiceV20141113.RunTask. */
    JsonNode json(String service, String target, String body) {
        Reply reply = send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", target)
                .header("Authorization", authorization(service))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (reply.status() != 200) {
            throw new AssertionError(target + " answered HTTP " + reply.status() + ": " + reply.body());
        }
        try {
            return JSON.readTree(reply.body());
        } catch (IOException e) {
            throw new AssertionError("Unparsable JSON from " + target + ": " + reply.body(), e);
        }
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError("Request to the emulator failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    private static String authorization(String service) {
        return "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/" + service
                + "/aws4_request, SignedHeaders=host, Signature=x";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** An HTTP answer; {@link #xml()} parses a query-protocol body, namespaces ignored. */
    record Reply(int status, String body) {

        Reply ok() {
            if (status != 200) {
                throw new AssertionError("Expected HTTP 200, got " + status + ": " + body);
            }
            return this;
        }

        Document xml() {
            try {
                return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("Unparsable XML: " + body, e);
            }
        }

        String text(String xpath) {
            return Xml.text(xml(), xpath);
        }
    }

    /** XPath over parsed replies. */
    static final class Xml {

        private Xml() {
        }

        static String text(Object context, String xpath) {
            try {
                return (String) XPathFactory.newInstance().newXPath().evaluate(xpath, context, XPathConstants.STRING);
            } catch (XPathExpressionException e) {
                throw new IllegalArgumentException(xpath, e);
            }
        }

        static List<Node> nodes(Object context, String xpath) {
            try {
                NodeList list = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, context, XPathConstants.NODESET);
                return IntStream.range(0, list.getLength()).mapToObj(list::item).toList();
            } catch (XPathExpressionException e) {
                throw new IllegalArgumentException(xpath, e);
            }
        }

        static List<String> texts(Object context, String xpath) {
            return nodes(context, xpath).stream().map(Node::getTextContent).toList();
        }
    }
}
