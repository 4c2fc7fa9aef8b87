"""Runs the probes of one bucket against RGW.

The owner creates the bucket and seeds it before the policy goes on (a
policy may deny the owner writes): every place's key, with a tag and an
open multipart upload, and a key of its own for each probe that deletes.
Then the policy exactly as the claim carries it, read back, and the probes
in phase order.
"""

import json

import probes as probe_plans
from actions import initiate_upload, perform, verdict
from results import Result
from s3 import listed_keys


def _must(answer, doing):
    if not answer.allowed:
        raise RuntimeError(f"{doing}: HTTP {answer.status} {answer.code}")
    return answer


def run_plan(plan, clients):
    """Results of one bucket: the policy read-back, each probe, each reveal."""
    name = plan.bucket.name
    owner = clients.of(plan.owner)
    policy = json.loads(plan.bucket.policy) if plan.bucket.policy else None
    _must(owner.create_bucket(name), f"create bucket {name}")
    seeds = probe_plans.assign_keys(plan, probe_plans.object_patterns(name, policy))
    uploads = {}
    for scope in plan.scopes:
        key = scope["key"]
        _must(
            owner.request("PUT", name, key, body=b"seed", headers={"x-amz-tagging": "probe=yes"}),
            f"seed {name}/{key}",
        )
        uploads[key] = initiate_upload(owner, name, key)
    for key in seeds:
        _must(owner.put(name, key, body=b"seed"), f"seed {name}/{key}")

    results = []
    if policy is not None:
        result = _apply_policy(plan, owner, policy)
        results.append(result)
        if not result.ok:
            return results
    for probe in probe_plans.ordered(plan.probes):
        client = clients.of(probe.identity)
        upload = uploads.get(probe.scope["key"], "")
        probe.answer = perform(
            client, probe.action, name, probe.key, probe.scope.get("list_prefix"), upload
        )
        probe.got = verdict(probe.answer) or "neither"
        results.append(
            Result(probe.got == probe.expect, "probe", probe.describe(), probe.describe(), plan.program)
        )
    results += _reveals(plan, clients)
    return results


def _apply_policy(plan, owner, policy):
    name = plan.bucket.name
    what = f"{plan.program.label}: policy of bucket `{plan.bucket.claim}` accepted and read back unchanged"
    put = owner.put_policy(name, plan.bucket.policy)
    if not put.allowed:
        return Result(
            False,
            "policy",
            what,
            f"RGW refused the policy: HTTP {put.status} {put.code}\n{plan.bucket.policy}",
            plan.program,
        )
    back = owner.get_policy(name)
    if back.denied:
        # `deny anyone "s3:*"` denies the owner s3:GetBucketPolicy too.
        return Result(True, "policy", what + " (read-back denied to the owner by the policy itself)")
    try:
        same = json.loads(back.body) == policy
    except ValueError:
        same = False
    if same:
        return Result(True, "policy", what)
    return Result(
        False,
        "policy",
        what,
        f"emitted:   {plan.bucket.policy}\nread back: {back.body.decode('utf-8', 'replace')}",
        plan.program,
    )


def _reveals(plan, clients):
    """Where rookc says a principal may list with no prefix, that listing
    shows every key of the bucket, under denied prefixes too."""
    results = []
    keys = sorted(scope["key"] for scope in plan.scopes)
    for who, identity, action in plan.reveals:
        answer = perform(clients.of(identity), action, plan.bucket.name, None, None, "")
        shown = set(listed_keys(answer))
        missing = [k for k in keys if k not in shown]
        what = f"bucket `{plan.bucket.name}`: {action} by {who} with no prefix shows every key"
        ok = answer.allowed and not missing
        detail = (
            f"{what}: RGW answered HTTP {answer.status} {answer.code}; missing {missing}"
        )
        results.append(Result(ok, "reveal", what, detail, plan.program))
    return results

