package io.execready.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.execready.snapshot.ContainerInstance;
import io.execready.snapshot.FailureKind;
import io.execready.snapshot.Fetched;
import io.execready.snapshot.ReadFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesRequest;
import software.amazon.awssdk.services.ecs.model.DescribeContainerInstancesResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;

/** ecs:DescribeContainerInstances through the SDK client, with ECS's answers scripted. */
class SdkEcsGatewayContainerInstancesTest {

    private static final String CLUSTER = "arn:aws:ecs:eu-west-1:123456789012:cluster/prod";

    private static String arn(int i) {
        return "arn:aws:ecs:eu-west-1:123456789012:container-instance/prod/" + String.format("%032x", i);
    }

    @Test
    void describeContainerInstances_asksInBatchesOf100AndMapsVersionAndAttributes() {
        ScriptedEcs ecs = new ScriptedEcs();
        List<String> arns = IntStream.range(0, 150).mapToObj(SdkEcsGatewayContainerInstancesTest::arn).toList();

        Map<String, Fetched<ContainerInstance>> found = new SdkEcsGateway(ecs).describeContainerInstances(CLUSTER, arns);

        assertThat(ecs.requests).extracting(r -> r.containerInstances().size()).containsExactly(100, 50);
        assertThat(found).hasSize(150);
        assertThat(found.get(arn(7)).asOptional()).hasValueSatisfying(c -> {
            assertThat(c.ec2InstanceId()).isEqualTo("i-07");
            assertThat(c.agentVersion()).isEqualTo("1.82.0");
            assertThat(c.osType()).contains("windows");
        });
    }

    @Test
    void describeContainerInstances_whenEcsReportsAnInstanceMissing_isAbsentWithTheReason() {
        ScriptedEcs ecs = new ScriptedEcs();
        ecs.missing = arn(3);

        Map<String, Fetched<ContainerInstance>> found = new SdkEcsGateway(ecs).describeContainerInstances(CLUSTER, List.of(arn(3)));

        assertThat(found.get(arn(3))).isInstanceOfSatisfying(Fetched.Absent.class,
                a -> assertThat(a.description()).contains(String.format("%032x", 3), "prod", "MISSING"));
    }

    @Test
    void describeContainerInstances_whenEcsGivesAnotherFailureReason_isAFailedReadNotAnAbsence() {
        ScriptedEcs ecs = new ScriptedEcs();
        ecs.missing = arn(3);
        ecs.missingReason = "INACTIVE";

        Map<String, Fetched<ContainerInstance>> found = new SdkEcsGateway(ecs).describeContainerInstances(CLUSTER, List.of(arn(3)));

        assertThat(found.get(arn(3))).isInstanceOfSatisfying(Fetched.Failed.class, f -> {
            assertThat(f.failure().action()).isEqualTo("ecs:DescribeContainerInstances");
            assertThat(f.failure().kind()).isEqualTo(FailureKind.REJECTED);
            assertThat(f.failure().detail()).contains(String.format("%032x", 3), "INACTIVE");
        });
    }

    @Test
    void describeContainerInstances_whenDenied_failsEveryInstanceOfTheBatchNamingTheAction() {
        ScriptedEcs ecs = new ScriptedEcs();
        ecs.denied = true;

        Map<String, Fetched<ContainerInstance>> found = new SdkEcsGateway(ecs).describeContainerInstances(CLUSTER, List.of(arn(1), arn(2)));

        assertThat(found.values()).hasSize(2).allSatisfy(read -> assertThat(read).isInstanceOfSatisfying(Fetched.Failed.class, f -> assertThat(f.failure())
                .extracting(ReadFailure::action, ReadFailure::kind).containsExactly("ecs:DescribeContainerInstances", FailureKind.DENIED)));
    }

    private static final class ScriptedEcs implements EcsClient {
        final List<DescribeContainerInstancesRequest> requests = new ArrayList<>();
        String missing;
        String missingReason = "MISSING";
        boolean denied;

        @Override
        public DescribeContainerInstancesResponse describeContainerInstances(DescribeContainerInstancesRequest request) {
            requests.add(request);
            if (denied) {
                throw (EcsException) EcsException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").errorMessage("not authorized").build())
                        .build();
            }
            DescribeContainerInstancesResponse.Builder response = DescribeContainerInstancesResponse.builder();
            List<software.amazon.awssdk.services.ecs.model.ContainerInstance> instances = new ArrayList<>();
            List<software.amazon.awssdk.services.ecs.model.Failure> failures = new ArrayList<>();
            for (String arn : request.containerInstances()) {
                if (arn.equals(missing)) {
                    failures.add(software.amazon.awssdk.services.ecs.model.Failure.builder().arn(arn).reason(missingReason).build());
                    continue;
                }
                int index = Integer.parseInt(arn.substring(arn.lastIndexOf('/') + 1), 16);
                instances.add(software.amazon.awssdk.services.ecs.model.ContainerInstance.builder()
                        .containerInstanceArn(arn)
                        .ec2InstanceId(String.format("i-%02d", index))
                        .versionInfo(v -> v.agentVersion("1.82.0"))
                        .attributes(Attribute.builder().name("ecs.os-type").value("windows").build())
                        .build());
            }
            return response.containerInstances(instances).failures(failures).build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }
}
