#!/usr/bin/env python3
"""Writes operator/EcsOnK8s.EcsProtocol/Protocol/ecs-model.json: the shapes of the ECS operations EcsOnK8s serves, taken
from botocore's ECS service model (the authority for member names and types), without documentation.
Run it again after adding an operation to OPERATIONS; review the diff."""
import glob, gzip, json, os, sys

OPERATIONS = [
    "RegisterTaskDefinition", "DeregisterTaskDefinition", "DescribeTaskDefinition", "ListTaskDefinitions",
    "ListTaskDefinitionFamilies", "CreateCluster", "DescribeClusters", "ListClusters", "DeleteCluster",
    "PutClusterCapacityProviders", "CreateService", "UpdateService", "DeleteService", "DescribeServices",
    "ListServices", "RunTask", "StopTask", "DescribeTasks", "ListTasks", "TagResource", "UntagResource",
    "ListTagsForResource",
]
KEEP = ("type", "required", "members", "member", "key", "value", "enum", "shape", "min", "max", "exception")

import botocore
paths = glob.glob(os.path.join(os.path.dirname(botocore.__file__), "data", "ecs", "*", "service-2.json*"))
path = sorted(paths)[-1]
raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
model = json.loads(raw)
shapes = {}

def visit(name):
    if name in shapes:
        return
    shape = model["shapes"][name]
    kept = {k: v for k, v in shape.items() if k in KEEP}
    if "members" in kept:
        kept["members"] = {m: {"shape": s["shape"]} for m, s in kept["members"].items()}
    shapes[name] = kept
    for ref in list(kept.get("members", {}).values()) + [kept.get(k) for k in ("member", "key", "value") if k in kept]:
        visit(ref["shape"])

operations = {}
for op in OPERATIONS:
    o = model["operations"][op]
    operations[op] = {"input": o["input"]["shape"], "output": o["output"]["shape"]}
    visit(o["input"]["shape"])
    visit(o["output"]["shape"])

out = {"source": "botocore " + botocore.__version__ + " data/ecs/" + model["metadata"]["apiVersion"], "operations": operations,
       "shapes": dict(sorted(shapes.items()))}
target = os.path.join(os.path.dirname(__file__), "..", "operator", "EcsOnK8s.EcsProtocol", "Protocol", "ecs-model.json")
with open(target, "w") as f:
    json.dump(out, f, indent=None, separators=(",", ":"), sort_keys=False)
    f.write("\n")
print(f"{target}: {len(operations)} operations, {len(shapes)} shapes")
