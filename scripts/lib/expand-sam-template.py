"""Turns `sam package`'s output into a template a service-managed StackSet accepts.

Service-managed StackSets run no macros, the AWS::Serverless transform included, so the transform is
expanded here with SAM's own translator (the one SAM CLI bundles). Lambda creates a function (and a
layer version) only from a bucket in its region, so the code bucket of each function and of the
functions' layer becomes CODE_BUCKET_BASE-${AWS::Region}, the per-region buckets of org/code-bucket.yaml.

Usage: python expand-sam-template.py PACKAGED_TEMPLATE CODE_BUCKET_BASE OUTPUT_TEMPLATE KEYS_FILE
Writes the expanded template (JSON) and the S3 keys of the code objects, one a line.
"""
import json
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicyNames:
    """The template names no AWS managed policy by name, so no IAM lookup is needed."""

    def load(self):
        return {}


def main(packaged_path, code_bucket_base, output_path, keys_path):
    with open(packaged_path, encoding="utf-8") as packaged:
        template = yaml_parse(packaged.read())
    expanded = transform(template, {}, NoManagedPolicyNames())
    if "Transform" in expanded:
        sys.exit("the template still names a transform after expansion: " + json.dumps(expanded["Transform"]))

    # Where each resource type keeps its packaged code.
    code_property = {"AWS::Lambda::Function": "Code", "AWS::Lambda::LayerVersion": "Content"}
    packaged_bucket = None
    keys = []
    for name, resource in expanded["Resources"].items():
        if resource.get("Type") not in code_property:
            continue
        code = resource["Properties"][code_property[resource["Type"]]]
        if not isinstance(code.get("S3Bucket"), str):
            sys.exit(f"{name}: expected packaged code in S3, found {json.dumps(code)}")
        if packaged_bucket not in (None, code["S3Bucket"]):
            sys.exit(f"{name}: code in {code['S3Bucket']}, the others in {packaged_bucket}")
        packaged_bucket = code["S3Bucket"]
        code["S3Bucket"] = {"Fn::Sub": code_bucket_base + "-${AWS::Region}"}
        keys.append(code["S3Key"])
    if packaged_bucket is None:
        sys.exit("no AWS::Lambda::Function in the expanded template")

    text = json.dumps(expanded, indent=1, sort_keys=False)
    if packaged_bucket in text:
        sys.exit(f"the expanded template still refers to {packaged_bucket} outside the functions' and the layer's code")
    with open(output_path, "w", encoding="utf-8") as output:
        output.write(text + "\n")
    with open(keys_path, "w", encoding="utf-8") as keys_file:
        keys_file.write("".join(key + "\n" for key in sorted(set(keys))))


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
