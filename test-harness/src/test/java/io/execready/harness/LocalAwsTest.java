package io.execready.harness;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.iam.IamClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("emulator")
class LocalAwsTest {

    private static final String SNS_VERSION = "2010-03-31";
    private static LocalAws aws;
    private static RawAwsClient raw;

    @BeforeAll
    static void startEmulator() {
        aws = LocalAws.start();
        raw = new RawAwsClient(aws);
    }

    @AfterAll
    static void stopEmulator() {
        aws.close();
    }

    @Test
    void start_servesOnLoopbackForMotosAccountAndRegion() {
        assertThat(aws.endpoint()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(aws.region()).isEqualTo("us-east-1");
        assertThat(aws.accountId()).isEqualTo("123456789012");
        assertThat(raw.query("sts", "GetCallerIdentity", "2011-06-15").ok().text("//Account")).isEqualTo("123456789012");
    }

    @Test
    void clientEnvironment_namesTheEmulatorRegionAndDummyCredentials() {
        assertThat(aws.clientEnvironment()).containsOnly(
                Map.entry("AWS_ENDPOINT_URL", aws.endpoint()),
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("AWS_DEFAULT_REGION", "us-east-1"),
                Map.entry("AWS_ACCESS_KEY_ID", "testing"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "testing"));
    }

    @Test
    void applyToSystemProperties_letsAnSdkClientWithoutExplicitSettingsReachTheEmulator() {
        List<String> properties = List.of("aws.endpointUrl", "aws.region", "aws.accessKeyId", "aws.secretAccessKey");
        try {
            aws.applyToSystemProperties();
            try (IamClient iam = IamClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                iam.createRole(r -> r.roleName("from-system-properties").assumeRolePolicyDocument(
                        "{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
            }
            assertThat(raw.query("iam", "GetRole", "2010-05-08", "RoleName", "from-system-properties").ok()
                    .text("//Arn")).isEqualTo("arn:aws:iam::123456789012:role/from-system-properties");
        } finally {
            properties.forEach(System::clearProperty);
        }
    }

    @Test
    void sentNotifications_returnsEachPublishWithSubjectAndAttributes() {
        String alerts = createTopic("exec-alerts");
        String other = createTopic("other-alerts");
        String firstId = raw.query("sns", "Publish", SNS_VERSION, "TopicArn", alerts, "Message", "exec broken",
                "Subject", "ECS Exec not ready",
                "MessageAttributes.entry.1.Name", "severity",
                "MessageAttributes.entry.1.Value.DataType", "String",
                "MessageAttributes.entry.1.Value.StringValue", "HIGH").ok().text("//MessageId");
        String secondId = raw.query("sns", "Publish", SNS_VERSION, "TopicArn", other, "Message", "plain").ok()
                .text("//MessageId");

        assertThat(aws.sentNotifications()).contains(
                new SnsNotification(alerts, firstId, "exec broken", "ECS Exec not ready", Map.of("severity", "HIGH")),
                new SnsNotification(other, secondId, "plain", null, Map.of()));
    }

    @Test
    void reset_forgetsEveryResource() {
        String topic = createTopic("short-lived");
        assertThat(raw.query("sns", "ListTopics", SNS_VERSION).ok().body()).contains(topic);
        raw.query("sns", "Publish", SNS_VERSION, "TopicArn", topic, "Message", "before reset").ok();

        aws.reset();

        assertThat(raw.query("sns", "ListTopics", SNS_VERSION).ok().body()).doesNotContain(topic);
        assertThat(aws.sentNotifications()).isEmpty();
    }

    @Test
    void close_stopsTheServer() {
        LocalAws second = LocalAws.start();
        URI endpoint = URI.create(second.endpoint());
        assertThat(canConnect(endpoint)).isTrue();

        second.close();

        assertThat(canConnect(endpoint)).isFalse();
        assertThatThrownBy(second::sentNotifications).isInstanceOf(HarnessException.class);
    }

    @Test
    void start_whenPythonLacksMoto_failsNamingThePipCommand(@TempDir Path directory) throws IOException {
        // -S hides site-packages, so this Python cannot import moto.
        Path pythonWithoutMoto = directory.resolve("python-without-moto");
        Files.writeString(pythonWithoutMoto, "#!/bin/sh\nexec python3 -S \"$@\"\n");
        assertThat(pythonWithoutMoto.toFile().setExecutable(true)).isTrue();
        System.setProperty("EXECREADY_PYTHON", pythonWithoutMoto.toString());
        try {
            assertThatThrownBy(LocalAws::start)
                    .isInstanceOf(HarnessException.class)
                    .hasMessageContaining("pip install \"moto[server]==5.2.1\"")
                    .hasMessageContaining("not importable");
        } finally {
            System.clearProperty("EXECREADY_PYTHON");
        }
    }

    private static String createTopic(String name) {
        return raw.query("sns", "CreateTopic", SNS_VERSION, "Name", name).ok().text("//TopicArn");
    }

    private static boolean canConnect(URI endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 1000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
