package io.execready.cli.caller;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CallerArnTest {

    @Test
    void parse_assumedRoleSession_namesTheRoleToLookUp() {
        CallerArn parsed = CallerArn.parse("arn:aws-cn:sts::123456789012:assumed-role/Developer/jane@example.com");

        assertThat(parsed).isEqualTo(new CallerArn.AssumedRole("arn:aws-cn:sts::123456789012:assumed-role/Developer/jane@example.com",
                "aws-cn", "123456789012", "Developer"));
        CallerArn.AssumedRole role = (CallerArn.AssumedRole) parsed;
        assertThat(role.roleArn("/")).isEqualTo("arn:aws-cn:iam::123456789012:role/Developer");
        assertThat(role.roleArn("/team/platform/")).isEqualTo("arn:aws-cn:iam::123456789012:role/team/platform/Developer");
    }

    @Test
    void parse_iamUserOrRole_isSimulatedAsItIs() {
        assertThat(CallerArn.parse("arn:aws:iam::123456789012:user/ops/jane"))
                .isEqualTo(new CallerArn.Simulatable("arn:aws:iam::123456789012:user/ops/jane"));
        assertThat(CallerArn.parse("arn:aws:iam::123456789012:role/ci"))
                .isEqualTo(new CallerArn.Simulatable("arn:aws:iam::123456789012:role/ci"));
    }

    @Test
    void parse_rootAndFederatedUser_cannotBeSimulated() {
        assertThat(CallerArn.parse("arn:aws:iam::123456789012:root")).isInstanceOf(CallerArn.NotSimulatable.class);
        assertThat(CallerArn.parse("arn:aws:sts::123456789012:federated-user/bob")).isInstanceOf(CallerArn.NotSimulatable.class);
        assertThat(CallerArn.parse("not-an-arn")).isInstanceOf(CallerArn.NotSimulatable.class);
    }
}
