package io.execready.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExecResourceArnsTest {

    private static final Arn GOV_TASK = Arn.parse("arn:aws-us-gov:ecs:us-gov-east-1:111122223333:task/prod/abc").orElseThrow();
    private static final Arn CN_TASK = Arn.parse("arn:aws-cn:ecs:cn-northwest-1:111122223333:task/prod/abc").orElseThrow();

    @Test
    void cluster_whenTaskNamesItsClusterByName_buildsTheArnInTheTasksPartitionRegionAndAccount() {
        assertThat(ExecResourceArns.cluster(task("arn:aws-us-gov:ecs:us-gov-east-1:111122223333:task/prod/abc", "prod")))
                .isEqualTo("arn:aws-us-gov:ecs:us-gov-east-1:111122223333:cluster/prod");
        assertThat(ExecResourceArns.cluster(task("arn:aws-cn:ecs:cn-northwest-1:111122223333:task/prod/abc",
                "arn:aws-cn:ecs:cn-northwest-1:111122223333:cluster/prod")))
                .isEqualTo("arn:aws-cn:ecs:cn-northwest-1:111122223333:cluster/prod");
    }

    @Test
    void logAndBucketArns_useTheTasksPartition() {
        assertThat(ExecResourceArns.logGroupStreams(CN_TASK, "/ecs/exec")).isEqualTo("arn:aws-cn:logs:cn-northwest-1:111122223333:log-group:/ecs/exec:*");
        assertThat(ExecResourceArns.bucket(GOV_TASK, "audit")).isEqualTo("arn:aws-us-gov:s3:::audit");
        assertThat(ExecResourceArns.bucketObjects(GOV_TASK, "audit", "exec/")).isEqualTo("arn:aws-us-gov:s3:::audit/exec/*");
        assertThat(ExecResourceArns.bucketObjects(GOV_TASK, "audit", null)).isEqualTo("arn:aws-us-gov:s3:::audit/*");
    }

    @Test
    void kmsKey_keepsKeyArnsBuildsBareIdsAndLeavesAliasesToDescribeKey() {
        String keyArn = "arn:aws-cn:kms:cn-northwest-1:444455556666:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        assertThat(ExecResourceArns.kmsKey(CN_TASK, keyArn)).contains(keyArn);
        assertThat(ExecResourceArns.kmsKey(GOV_TASK, "1234abcd-12ab-34cd-56ef-1234567890ab"))
                .contains("arn:aws-us-gov:kms:us-gov-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
        assertThat(ExecResourceArns.kmsKey(CN_TASK, "alias/exec")).isEmpty();
        assertThat(ExecResourceArns.kmsKey(CN_TASK, "arn:aws-cn:kms:cn-northwest-1:111122223333:alias/exec")).isEmpty();
        assertThat(ExecResourceArns.kmsKey(CN_TASK, " ")).isEmpty();
    }

    @Test
    void operatorContainerName_skipsContainersWithoutAnExecAgent() {
        EcsTask task = new EcsTask("arn:aws:ecs:eu-west-1:111122223333:task/prod/abc", "prod", null, null, null, null, null, null, null,
                null, null, true, null, null, null, List.of(), List.of(
                        new TaskContainer("aws-guardduty-agent-x1", null, null, null, null),
                        new TaskContainer("web", null, null, null, List.of(new ManagedAgent(ManagedAgent.EXECUTE_COMMAND_AGENT, "RUNNING", null, null)))),
                null);

        assertThat(ExecPermissions.operatorContainerName(task)).contains("web");
    }

    private static EcsTask task(String taskArn, String cluster) {
        return new EcsTask(taskArn, cluster, null, null, null, null, null, null, null, null, null, true, null, null, null,
                List.of(), List.of(), null);
    }
}
