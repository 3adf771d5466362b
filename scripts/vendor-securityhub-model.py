#!/usr/bin/env python3
"""Writes the part of botocore's Security Hub service model that ExecReady's findings use.

The test AsffModelValidationTest validates every finding the project can produce against these
shapes (members, required members, enums, patterns, lengths, list sizes). Only the shapes reachable
from the finding members and resource types ExecReady sends are kept; a finding that starts using
another member or resource type fails that test until this script is run again with it listed here.

Usage: python3 scripts/vendor-securityhub-model.py   (needs botocore installed)
"""
import gzip
import json
import os
import pathlib

import botocore

FINDING_MEMBERS = [
    "SchemaVersion", "Id", "ProductArn", "ProductName", "CompanyName", "GeneratorId", "AwsAccountId", "Types",
    "FirstObservedAt", "LastObservedAt", "CreatedAt", "UpdatedAt", "Severity", "Title", "Description", "Remediation",
    "ProductFields", "Resources", "Compliance", "RecordState", "FindingProviderFields",
]
RESOURCE_DETAILS = [
    "AwsEcsService", "AwsEcsCluster", "AwsEcsTask", "AwsEcsTaskDefinition", "AwsEc2Subnet", "AwsEc2RouteTable",
    "AwsEc2SecurityGroup", "AwsIamRole", "AwsIamUser", "AwsKmsKey", "AwsS3Bucket", "Other",
]
KEEP_ONLY = {"AwsSecurityFinding": FINDING_MEMBERS, "ResourceDetails": RESOURCE_DETAILS}
ROOTS = ["BatchImportFindingsRequest"]


def load_model():
    base = pathlib.Path(os.path.dirname(botocore.__file__)) / "data" / "securityhub"
    version = sorted(p.name for p in base.iterdir() if p.is_dir())[-1]
    path = base / version / "service-2.json.gz"
    if path.exists():
        with gzip.open(path, "rt", encoding="utf-8") as f:
            return json.load(f)
    with open(base / version / "service-2.json", encoding="utf-8") as f:
        return json.load(f)


def main():
    model = load_model()
    shapes = model["shapes"]
    kept = {}
    pending = list(ROOTS)
    while pending:
        name = pending.pop()
        if name in kept:
            continue
        shape = dict(shapes[name])
        shape.pop("documentation", None)
        if shape["type"] == "structure":
            members = shape["members"]
            if name in KEEP_ONLY:
                members = {k: v for k, v in members.items() if k in KEEP_ONLY[name]}
            shape["members"] = {k: {"shape": v["shape"]} for k, v in members.items()}
            if "required" in shape:
                shape["required"] = [r for r in shape["required"] if r in shape["members"]]
            pending.extend(m["shape"] for m in shape["members"].values())
        elif shape["type"] == "list":
            shape["member"] = {"shape": shape["member"]["shape"]}
            pending.append(shape["member"]["shape"])
        elif shape["type"] == "map":
            shape["key"] = {"shape": shape["key"]["shape"]}
            shape["value"] = {"shape": shape["value"]["shape"]}
            pending += [shape["key"]["shape"], shape["value"]["shape"]]
        kept[name] = shape
    out = {
        "source": "botocore " + botocore.__version__ + " data/securityhub/" + model["metadata"]["apiVersion"] + "/service-2.json",
        "licence": "Apache License 2.0, Copyright Amazon.com, Inc. or its affiliates; see NOTICE in this directory",
        "kept": {"AwsSecurityFinding": FINDING_MEMBERS, "ResourceDetails": RESOURCE_DETAILS},
        "shapes": dict(sorted(kept.items())),
    }
    target = pathlib.Path(__file__).resolve().parent.parent / "shared/src/test/resources/securityhub/securityhub-shapes.json"
    target.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"{len(kept)} shapes written to {target}")


if __name__ == "__main__":
    main()
