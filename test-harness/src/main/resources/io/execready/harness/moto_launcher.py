"""Runs moto's server on 127.0.0.1 with the patches the ExecReady tests need.

Usage: python3 moto_launcher.py PORT

moto 5.2.1 leaves gaps in the APIs ExecReady calls. Each patch below names the gap it fills.
The patches rely on moto's internals, so the launcher refuses any other moto version.

Exit codes: 3 = moto (with its server extras) is not importable, 4 = another moto version.
"""

import fnmatch
import json
import os
import random
import re
import sys
import threading
import time
import uuid

REQUIRED_MOTO = "5.2.1"
PIP_COMMAND = 'pip install "moto[server]==%s"' % REQUIRED_MOTO


# SecurityHub GetFindings. Gap: past the first page moto answers "InvalidToken: Resource not found!",
# because its paginator cannot find its own token among the findings it returns as plain dicts. The
# stand-in pages by offset, and honours ProductFields filters with EQUALS (other filters and sorting
# stay unimplemented, as in moto), so a test can read one subject's findings among thousands.
def patch_securityhub_get_findings_pages():
    from moto.securityhub.exceptions import InvalidInputException
    from moto.securityhub.models import SecurityHubBackend

    def matches(finding, filters):
        for wanted in (filters or {}).get("ProductFields", []):
            if wanted.get("Comparison", "EQUALS") != "EQUALS":
                continue
            if (finding.get("ProductFields") or {}).get(wanted.get("Key")) != wanted.get("Value"):
                return False
        return True

    def get_findings(self, filters=None, sort_criteria=None, max_results=None, next_token=None):
        limit = 100 if max_results is None else int(max_results)
        if limit < 1 or limit > 100:
            raise InvalidInputException(op="GetFindings", msg="MaxResults must be a number between 1 and 100")
        start = int(next_token) if next_token else 0
        selected = [d for d in (f.as_dict() for f in self.findings) if matches(d, filters)]
        page = selected[start:start + limit]
        following = start + limit
        return page, (str(following) if following < len(selected) else None)

    SecurityHubBackend.get_findings = get_findings


def main():
    port = sys.argv[1]
    try:
        import moto
        from moto.server import main as run_moto_server
    except ImportError as error:
        print("moto with its server extras is not importable (%s); install it with: %s" % (error, PIP_COMMAND),
              flush=True)
        sys.exit(3)
    if moto.__version__ != REQUIRED_MOTO:
        print("moto %s found, the launcher patches moto %s; install it with: %s"
              % (moto.__version__, REQUIRED_MOTO, PIP_COMMAND), flush=True)
        sys.exit(4)
    exit_with_parent()
    patch_iam_simulate_principal_policy()
    patch_ecs_tasks_and_services()
    patch_ecs_execute_command()
    patch_model_data_filter()
    patch_securityhub_get_findings_pages()
    print("ExecReady moto launcher: patches applied, serving on 127.0.0.1:%s" % port, flush=True)
    run_moto_server(["-H", "127.0.0.1", "-p", port])


def exit_with_parent():
    """Stops the server once the process that started it is gone, even when that one was killed."""
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


# --------------------------------------------------------------------------------------------------
# IAM SimulatePrincipalPolicy. Gap: moto 5.2.1 answers HTTP 500 "not yet implemented".
#
# A small evaluator of identity policies: the principal's inline and attached managed policies
# (default version; a user's groups included) and its permissions boundary. Not modelled: service
# control policies (AllowedByOrganizations is always true), resource policies, policy variables and
# numeric/date/IP condition operators (a statement that needs one fails the request loudly).
# --------------------------------------------------------------------------------------------------

DECISION_RANK = {"allowed": 0, "implicitDeny": 1, "explicitDeny": 2}


class UnsupportedPolicyFeature(Exception):
    pass


def _as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _text(value):
    # JSON true/false in a policy compare as the strings "true"/"false", as in IAM.
    return str(value).lower() if isinstance(value, bool) else str(value)


def _wildcard(pattern, value, ignore_case=False):
    regex = fnmatch.translate(pattern.replace("[", "[[]"))  # only * and ? are wildcards in IAM
    return re.match(regex, value, re.IGNORECASE if ignore_case else 0) is not None


# Operator -> does a policy value match a context value. ArnEquals and ArnLike both take wildcards.
MATCHERS = {
    "StringEquals": lambda policy, context: policy == context,
    "StringEqualsIgnoreCase": lambda policy, context: policy.lower() == context.lower(),
    "StringLike": _wildcard,
    "ArnEquals": _wildcard,
    "ArnLike": _wildcard,
    "Bool": lambda policy, context: policy.lower() == context.lower(),
}
NEGATED = {"StringNotEquals": "StringEquals", "StringNotEqualsIgnoreCase": "StringEqualsIgnoreCase",
           "StringNotLike": "StringLike", "ArnNotEquals": "ArnEquals", "ArnNotLike": "ArnLike"}


def _condition_holds(operator, key, policy_values, context, missing):
    qualifier, _, name = operator.rpartition(":")
    if qualifier not in ("", "ForAnyValue", "ForAllValues"):
        raise UnsupportedPolicyFeature("condition qualifier " + qualifier)
    if_exists = name.endswith("IfExists")
    name = name[: -len("IfExists")] if if_exists else name
    values = context.get(key.lower())
    if name == "Null":
        return (values is None) == (_text(policy_values[0]).lower() == "true")
    base = NEGATED.get(name, name)
    if base not in MATCHERS:
        raise UnsupportedPolicyFeature("condition operator " + operator)
    if values is None:
        # IAM: an absent key satisfies IfExists and ForAllValues; otherwise the condition fails
        # and the simulator reports the key as missing.
        if if_exists or qualifier == "ForAllValues":
            return True
        missing.add(key)
        return False

    def satisfied(context_value):
        hit = any(MATCHERS[base](_text(p), context_value) for p in policy_values)
        return not hit if name in NEGATED else hit

    if qualifier == "ForAllValues":
        return all(satisfied(v) for v in values)
    return any(satisfied(v) for v in values)


def _statement_applies(statement, action, resource, context, missing):
    if "Action" in statement:
        if not any(_wildcard(p, action, ignore_case=True) for p in _as_list(statement["Action"])):
            return False
    elif any(_wildcard(p, action, ignore_case=True) for p in _as_list(statement.get("NotAction"))):
        return False
    # A simulation on "*" (no ResourceArns) stands for every resource: any Resource element matches.
    if "Resource" in statement:
        patterns = _as_list(statement["Resource"])
        if resource != "*" and not any(_wildcard(p, resource) for p in patterns):
            return False
    elif any(p == "*" or (resource != "*" and _wildcard(p, resource)) for p in _as_list(statement.get("NotResource"))):
        return False
    # Evaluate every condition (no short cut) so that all missing keys are reported.
    outcomes = [_condition_holds(operator, key, _as_list(values), context, missing)
                for operator, block in statement.get("Condition", {}).items()
                for key, values in block.items()]
    return all(outcomes)


def _matching_statements(policies, action, resource, context, missing):
    """Returns (deny matches, allow matches) as MatchedStatements entries."""
    denies, allows = [], []
    for policy_id, policy_type, document in policies:
        for statement in _as_list(document.get("Statement")):
            if _statement_applies(statement, action, resource, context, missing):
                match = {"SourcePolicyId": policy_id, "SourcePolicyType": policy_type}
                (denies if statement.get("Effect") == "Deny" else allows).append(match)
    return denies, allows


def _decide(identity, boundary, action, resource, context):
    missing = set()
    denies, allows = _matching_statements(identity, action, resource, context, missing)
    result = {"EvalResourceName": resource, "MissingContextValues": missing}
    boundary_allows = True
    if boundary is not None:
        boundary_denies, boundary_allowing = _matching_statements(boundary, action, resource, context, missing)
        denies += boundary_denies
        boundary_allows = bool(boundary_allowing) and not boundary_denies
        result["PermissionsBoundaryDecisionDetail"] = {"AllowedByPermissionsBoundary": boundary_allows}
    if denies:
        result.update(EvalResourceDecision="explicitDeny", MatchedStatements=denies)
    elif allows and boundary_allows:
        result.update(EvalResourceDecision="allowed", MatchedStatements=allows)
    else:
        result.update(EvalResourceDecision="implicitDeny", MatchedStatements=[])
    return result


def _document(raw):
    return raw if isinstance(raw, dict) else json.loads(raw)


def _managed(policy):
    document = next(v.document for v in policy.versions if v.version_id == policy.default_version_id)
    policy_type = "aws-managed" if ":iam::aws:policy/" in policy.arn else "user-managed"
    return policy.name, policy_type, _document(document)


def _policies_of(backend, principal_arn):
    """Returns (identity policies, boundary policies or None) of a role, user or group ARN."""
    kind, _, path_and_name = principal_arn.split(":", 5)[-1].partition("/")
    name = path_and_name.rsplit("/", 1)[-1]
    if kind == "role":
        entities = [("role", backend.get_role_by_arn(principal_arn))]
    elif kind == "user":
        entities = [("user", backend.get_user(name))] + [("group", g) for g in backend.get_groups_for_user(name)]
    elif kind == "group":
        entities = [("group", backend.get_group(name))]
    else:
        raise UnsupportedPolicyFeature("PolicySourceArn of kind " + kind)
    identity = []
    for policy_type, entity in entities:
        identity += [(n, policy_type, _document(d)) for n, d in entity.policies.items()]
        identity += [_managed(p) for p in entity.managed_policies.values()]
    boundary_arn = getattr(entities[0][1], "permissions_boundary_arn", None)
    boundary = [_managed(backend.get_policy(boundary_arn))] if boundary_arn else None
    return identity, boundary


def _evaluation_result(action, resources, explicit_resources, per_resource):
    decision = max((r["EvalResourceDecision"] for r in per_resource), key=DECISION_RANK.get)
    matched = []
    for r in per_resource:
        if r["EvalResourceDecision"] == decision:
            matched += [m for m in r["MatchedStatements"] if m not in matched]
    result = {
        "EvalActionName": action,
        # One result per action (current IAM behaviour); several resources have no single name.
        "EvalResourceName": resources[0] if len(resources) == 1 else "*",
        "EvalDecision": decision,
        "MatchedStatements": matched,
        "MissingContextValues": sorted(set().union(*(r["MissingContextValues"] for r in per_resource))),
        "OrganizationsDecisionDetail": {"AllowedByOrganizations": True},
    }
    if "PermissionsBoundaryDecisionDetail" in per_resource[0]:
        allowed = all(r["PermissionsBoundaryDecisionDetail"]["AllowedByPermissionsBoundary"] for r in per_resource)
        result["PermissionsBoundaryDecisionDetail"] = {"AllowedByPermissionsBoundary": allowed}
    if explicit_resources:
        result["ResourceSpecificResults"] = [dict(r, MissingContextValues=sorted(r["MissingContextValues"]))
                                             for r in per_resource]
    return result


def patch_iam_simulate_principal_policy():
    from moto.core.responses import ActionResult
    from moto.iam.exceptions import InvalidInput
    from moto.iam.responses import IamResponse

    def simulate_principal_policy(self):
        for unsupported in ("ResourcePolicy", "CallerArn", "ResourceOwner", "ResourceHandlingOption"):
            if self._get_param(unsupported):
                raise InvalidInput("The ExecReady harness simulator does not model " + unsupported)
        identity, boundary = _policies_of(self.backend, self._get_param("PolicySourceArn"))
        identity += [("PolicyInputList.%d" % (i + 1), "none", _document(d))
                     for i, d in enumerate(self._get_param("PolicyInputList", []))]
        boundary_input = self._get_param("PermissionsBoundaryPolicyInputList", [])
        if boundary_input:
            boundary = [("PermissionsBoundaryPolicyInputList.%d" % (i + 1), "none", _document(d))
                        for i, d in enumerate(boundary_input)]
        context = {}
        for entry in self._get_param("ContextEntries", []):
            values = [_text(v) for v in entry.get("ContextKeyValues", [])]
            if entry.get("ContextKeyType", "").startswith("boolean"):
                values = [v.lower() for v in values]
            context[entry["ContextKeyName"].lower()] = values
        explicit_resources = self._get_param("ResourceArns", [])
        resources = explicit_resources or ["*"]
        try:
            results = [_evaluation_result(action, resources, bool(explicit_resources),
                                          [_decide(identity, boundary, action, r, context) for r in resources])
                       for action in self._get_param("ActionNames", [])]
        except UnsupportedPolicyFeature as error:
            raise InvalidInput("The ExecReady harness simulator does not support %s" % error)
        return ActionResult({"EvaluationResults": results, "IsTruncated": False})

    IamResponse.simulate_principal_policy = simulate_principal_policy


# --------------------------------------------------------------------------------------------------
# ECS. Gaps in moto 5.2.1: RunTask and CreateService drop enableExecuteCommand; a task gets only its
# task definition's first container, without managedAgents, always PENDING; a Fargate task's
# platformVersion stays LATEST or empty where ECS reports the version it resolved.
# Kept as moto builds it: the awsvpc ENI attachment (subnetId, networkInterfaceId, private IP).
# --------------------------------------------------------------------------------------------------

FARGATE_PLATFORM_VERSION = "1.4.0"  # what ECS resolves LATEST to for Linux Fargate tasks


class TaskContainer:
    """A container of a task, built for every container definition; its status follows the task."""

    def __init__(self, task, definition, exec_enabled, started_at):
        self._task = task
        self.container_arn = "arn:aws:ecs:%s:%s:container/%s/%s/%s" % (
            task.region_name, task._account_id, task.cluster_name, task.id, uuid.uuid4())
        self.task_arn = task.task_arn
        self.name = definition.get("name")
        self.image = definition.get("image")
        self.cpu = str(definition.get("cpu", 0))
        self.memory = str(definition["memory"]) if "memory" in definition else None
        self.memory_reservation = str(definition["memoryReservation"]) if "memoryReservation" in definition else None
        self._exec_enabled = exec_enabled
        self._started_at = started_at
        # The container runtime's id (Docker's container id), which an ECS Exec session's target names.
        self.runtime_id = "%s-%d" % (task.id, random.randint(1000000000, 9999999999))

    @property
    def last_status(self):
        return self._task.last_status

    @property
    def managed_agents(self):
        if not self._exec_enabled:
            return None
        status = "RUNNING" if self._task.last_status == "RUNNING" else "STOPPED"
        return [{"name": "ExecuteCommandAgent", "lastStatus": status, "lastStartedAt": self._started_at}]


def patch_ecs_tasks_and_services():
    from moto.core.utils import utcnow
    from moto.ecs.models import Service, Task
    from moto.ecs.responses import EC2ContainerServiceResponse

    Task.enable_execute_command = False  # what ECS reports when the flag was not set
    Service.enable_execute_command = False
    original_run_task = EC2ContainerServiceResponse.run_task
    original_create_service = EC2ContainerServiceResponse.create_service

    def run_task(self):
        result = original_run_task(self)
        exec_enabled = bool(self._get_param("enableExecuteCommand", False))
        # Test-only: a client token "execready-task-id:ID[@INSTANCE]" gives the (single) task that
        # id, and places it on the container instance whose id is INSTANCE, so a sample event
        # captured elsewhere names a task the emulator runs where the event says it runs.
        token = self._get_param("clientToken") or ""
        if token.startswith("execready-task-id:"):
            task_id, _, instance_id = token[len("execready-task-id:"):].partition("@")
            for task in result.result["tasks"]:
                tasks = self.ecs_backend.tasks[task.cluster_name]
                old_arn = task.task_arn
                task.id = task_id
                tasks[task.task_arn] = tasks.pop(old_arn)
                if instance_id:
                    placed = self.ecs_backend.container_instances.get(task.cluster_name, {}).get(instance_id)
                    if placed is not None:
                        task.container_instance_arn = placed.container_instance_arn
        for task in result.result["tasks"]:
            definition = self.ecs_backend.describe_task_definition(task.task_definition_arn)
            task.enable_execute_command = exec_enabled
            started_at = utcnow()
            task.containers = [TaskContainer(task, d, exec_enabled, started_at)
                               for d in definition.container_definitions]
            if task.launch_type == "FARGATE" and task.platform_version in (None, "LATEST"):
                task.platform_version = FARGATE_PLATFORM_VERSION
        return result

    def create_service(self):
        result = original_create_service(self)
        result.result["service"].enable_execute_command = bool(self._get_param("enableExecuteCommand", False))
        return result

    EC2ContainerServiceResponse.run_task = run_task
    EC2ContainerServiceResponse.create_service = create_service
    patch_ecs_list_tasks_by_service()
    patch_ecs_container_instance_version_info()
    patch_ecs_external_container_instances()


# RegisterContainerInstance. Gaps: moto ignores versionInfo and reports every agent as 1.0.0, where
# ECS reports the version the agent registered with; and it ignores the attributes the agent
# registers (its capabilities, such as ecs.capability.execute-command, which carry no value), where
# ECS keeps them beside the ones it sets itself.
def patch_ecs_container_instance_version_info():
    from moto.ecs.responses import EC2ContainerServiceResponse

    original_register = EC2ContainerServiceResponse.register_container_instance

    def register_container_instance(self):
        result = original_register(self)
        instance = result.result["containerInstance"]
        version_info = self._get_param("versionInfo")
        if version_info:
            instance.version_info = {**instance.version_info, **version_info}
        for attribute in self._get_param("attributes") or []:
            instance.attributes[attribute["name"]] = attribute.get("value")
        return result

    EC2ContainerServiceResponse.register_container_instance = register_container_instance


# RegisterContainerInstance for ECS Anywhere. Gap: moto looks the registering instance up among its EC2
# instances and fails for an ECS Anywhere host, which registers with its Systems Manager managed-instance
# id (mi-...) and has no EC2 instance. ECS registers it with the attributes the agent reports; the
# stand-in gives it a Linux x86_64 host and no EC2 attributes (AMI, instance type, zone).
def patch_ecs_external_container_instances():
    import moto.ecs.models as ecs_models

    class ExternalHost:
        image_id = None
        availability_zone = None
        instance_type = None
        platform = "linux"

    class ManagedInstanceAwareEc2:
        def __init__(self, backend):
            self._backend = backend

        def get_instance(self, instance_id):
            if instance_id.startswith("mi-"):
                return ExternalHost()
            return self._backend.get_instance(instance_id)

        def __getattr__(self, name):
            return getattr(self._backend, name)

    class Regions:
        def __init__(self, regions):
            self._regions = regions

        def __getitem__(self, region):
            return ManagedInstanceAwareEc2(self._regions[region])

    class Accounts:
        def __init__(self, accounts):
            self._accounts = accounts

        def __getitem__(self, account):
            return Regions(self._accounts[account])

    ecs_models.ec2_backends = Accounts(ecs_models.ec2_backends)
    original_init = ecs_models.ContainerInstance.__init__

    def init(self, ec2_instance_id, account_id, region_name, cluster_name, backend):
        original_init(self, ec2_instance_id, account_id, region_name, cluster_name, backend)
        if ec2_instance_id.startswith("mi-"):
            self.attributes = {"ecs.os-type": "linux", "ecs.cpu-architecture": "x86_64"}

    ecs_models.ContainerInstance.__init__ = init


# ListTasks(serviceName). Gap: moto ignores the filter and returns every task of the cluster, because
# its services never launch tasks. ECS lists the tasks a service started, whose group is
# "service:NAME"; tests start such tasks with RunTask and that group.
def patch_ecs_list_tasks_by_service():
    from moto.ecs.models import EC2ContainerServiceBackend

    original_list_tasks = EC2ContainerServiceBackend.list_tasks

    def list_tasks(self, cluster_str=None, container_instance=None, family=None, started_by=None,
                   service_name=None, desiredStatus=None):
        tasks = original_list_tasks(self, cluster_str, container_instance, family, started_by, None, desiredStatus)
        if not service_name:
            return tasks
        return [t for t in tasks if getattr(t, "group", None) == "service:" + service_name.split("/")[-1]]

    EC2ContainerServiceBackend.list_tasks = list_tasks


# --------------------------------------------------------------------------------------------------
# /moto-api/data.json. Gap: it serialises every model moto tracks, about 9 MB and 3 s once AWS managed
# policies are loaded. Adds ?service=sns&model=Topic filters; without them the answer is unchanged.
# --------------------------------------------------------------------------------------------------

# --------------------------------------------------------------------------------------------------
# ECS ExecuteCommand and SSM TerminateSession. Gap: moto 5.2.1 has neither. ExecuteCommand asks the
# test harness's local agent (io.execready.harness.LocalExecAgent) to open a session, at the control
# endpoint named by EXECREADY_EXEC_AGENT, with the target id ECS Exec uses
# (ecs:CLUSTER_TASKID_RUNTIMEID), the command and the cluster's exec KMS key, and returns the session
# it opened (session id, stream URL, token). Without an agent, or for a task that is not RUNNING with
# exec enabled, it fails as ECS does (TargetNotConnectedException / InvalidParameterException).
# TerminateSession tells the agent; a session it does not know is answered as SSM does (DoesNotExist
# is not an error for TerminateSession: it succeeds). Not modelled: IAM, interactive=false, CloudTrail.
# --------------------------------------------------------------------------------------------------

def patch_ecs_execute_command():
    import urllib.request
    from moto.core.exceptions import JsonRESTError
    from moto.ecs.responses import EC2ContainerServiceResponse
    from moto.ssm.responses import SimpleSystemManagerResponse

    def agent_call(path, body):
        agent = os.environ.get("EXECREADY_EXEC_AGENT", "")
        if not agent:
            raise JsonRESTError("TargetNotConnectedException",
                                "The execute command failed due to an internal error. Try again later.")
        request = urllib.request.Request(agent + path, data=json.dumps(body).encode("utf-8"),
                                         headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read().decode("utf-8"))

    def execute_command(self):
        cluster_str = self._get_param("cluster", "default")
        task_str = self._get_param("task")
        container_name = self._get_param("container")
        command = self._get_param("command")
        tasks = self.ecs_backend.describe_tasks(cluster_str, [task_str])
        if not tasks:
            raise JsonRESTError("InvalidParameterException", "The specified task was not found.")
        task = tasks[0]
        if task.last_status != "RUNNING" or not getattr(task, "enable_execute_command", False):
            raise JsonRESTError("InvalidParameterException",
                                "The execute command failed because execute command was not enabled when the task was run"
                                " or the execute command agent isn't running.")
        containers = [c for c in task.containers if getattr(c, "name", None) == container_name] if container_name \
            else list(task.containers)
        if not containers or not getattr(containers[0], "runtime_id", None):
            raise JsonRESTError("InvalidParameterException", "The specified container was not found.")
        container = containers[0]
        cluster = self.ecs_backend.clusters[task.cluster_name]
        exec_configuration = (cluster.configuration or {}).get("executeCommandConfiguration", {}) or {}
        target_id = "ecs:%s_%s_%s" % (task.cluster_name, task.id, container.runtime_id)
        session = agent_call("/sessions", {"targetId": target_id, "command": command,
                                           "kmsKeyId": exec_configuration.get("kmsKeyId", "")})
        return json.dumps({
            "clusterArn": cluster.arn,
            "containerArn": container.container_arn,
            "containerName": container.name,
            "interactive": True,
            "session": {"sessionId": session["sessionId"], "streamUrl": session["streamUrl"],
                        "tokenValue": session["tokenValue"]},
            "taskArn": task.task_arn,
        })

    def terminate_session(self):
        session_id = self._get_param("SessionId")
        try:
            agent_call("/sessions/terminate", {"sessionId": session_id})
        except Exception:  # an unknown session: SSM answers TerminateSession with success
            pass
        return json.dumps({"SessionId": session_id})

    EC2ContainerServiceResponse.execute_command = execute_command
    SimpleSystemManagerResponse.terminate_session = terminate_session


def patch_model_data_filter():
    from urllib.parse import parse_qs, urlparse
    from moto.core.model_instances import model_data
    from moto.moto_api._internal import urls

    path = "{0}/moto-api/data.json"
    unfiltered = urls.url_paths[path]

    def public_attributes(instance):
        result = {}
        for name in dir(instance):
            if not name.startswith("_"):
                try:
                    value = getattr(instance, name)
                    json.dumps(value)
                except (TypeError, AttributeError, ValueError):
                    continue
                result[name] = value
        return result

    def filtered(request, full_url, headers):
        query = parse_qs(urlparse(full_url).query)
        if "service" not in query:
            return unfiltered(request, full_url, headers)
        service = query["service"][0]
        models = model_data.get(service, {})
        names = [n for n in query.get("model", sorted(models)) if n in models]
        body = {service: {n: [public_attributes(i) for i in models[n].instances_tracked] for n in names}}
        return 200, {"Content-Type": "application/json"}, json.dumps(body)

    urls.url_paths[path] = filtered


if __name__ == "__main__":
    main()
