"""Probes: rookc's claims (`rookc access --format json`) turned into
requests, and the buckets they run against.

For every bucket, principal, access group, place (a key inside each
prefix the policy names and one outside them all, each with its listing
prefix) and action of the group, `rookc access` says allowed or denied.
Each becomes one request as that principal; RGW must answer the same.
Nothing here decides what is allowed: the expected answer is rookc's.
"""

import os
import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from actions import ACTIONS, DELETE, REPRESENTATIVES
from identities import ANONYMOUS, parse_user_arn

# RGW users that stand for the principals without a name of their own.
CLAIM_USER = "rookc-claim"  # owns buckets whose claim has no `owner`
OTHER_USER = "rookc-stranger"  # a user no policy names
TENANT_MEMBER = "rookc-member"  # a user of a tenant, named by no user ARN


@dataclass
class Probe:
    program: object  # programs.Program
    bucket: object  # programs.Bucket
    who: str  # the principal, as a person reads it
    identity: object  # s3.Identity
    action: str
    scope: dict  # the JSON scope: prefix, key, list_prefix
    expect: str  # rookc's claim: "allowed" or "denied"
    by: dict  # the JSON reason rookc gives
    key: str = ""  # the key requested (a fresh one for removing actions)
    got: str = ""  # RGW's verdict
    answer: object = None  # RGW's Answer

    def describe(self):
        if ACTIONS[self.action][0] == 0:
            place = (
                "listing with no prefix"
                if self.scope.get("list_prefix") is None
                else f"listing with prefix {self.scope['list_prefix']!r}"
            )
        else:
            place = f"key {self.key!r}"
        reason = self.by.get("reason", "?")
        where = self.by.get("sid") or ""
        if self.by.get("line"):
            where = f"{self.by.get('file')}:{self.by['line']} ({where})"
        return (
            f"bucket `{self.bucket.name}`: {self.who} {self.action} on {place}: "
            f"rookc says {self.expect} ({reason} {where}".rstrip()
            + f"), RGW says {self.got or '?'}"
            + (
                f" (HTTP {self.answer.status} {self.answer.code})".replace(" )", ")")
                if self.answer is not None
                else ""
            )
        )


@dataclass
class BucketPlan:
    """Everything the suite does with one bucket."""

    program: object
    bucket: object
    owner: object  # s3.Identity
    scopes: list  # the JSON scopes, in access's order
    probes: list = field(default_factory=list)
    reveals: list = field(default_factory=list)  # (who, identity, prefixes)
    skipped: list = field(default_factory=list)  # principals not probed, why


def principal_identity(principal):
    """(label, (tenant, uid) or None for anonymous) or a reason to skip."""
    kind = principal.get("kind")
    name = principal.get("name")
    if kind == "owner":
        uid = name or CLAIM_USER
        return f"owner `{uid}`" if name else "owner (the claim's user)", ("", uid)
    if kind == "user":
        return f"user `{name}`", ("", name)
    if kind == "anyone":
        return "anyone (anonymous)", None
    if kind == "other":
        return "any other user", ("", OTHER_USER)
    if kind == "arn":
        arn = principal.get("arn") or name or ""
        tenant_user = parse_user_arn(arn)
        if tenant_user is not None:
            return f"`{arn}`", tenant_user
        parts = arn.split(":", 5)
        if len(parts) == 6 and parts[:3] == ["arn", parts[1], "iam"] and parts[5] == "root":
            return f"`{arn}` (as {parts[4]}${TENANT_MEMBER})", (parts[4], TENANT_MEMBER)
        raise SkipPrincipal(f"`{arn}`: no RGW identity to sign as (roles need STS)")
    raise SkipPrincipal(f"unknown principal kind {kind!r}")


class SkipPrincipal(Exception):
    pass


def plan_bucket(program, bucket, access_bucket, identities):
    """The probes of one bucket. `identities` maps (tenant, uid) -> Identity."""
    owner_uid = bucket.owner or CLAIM_USER
    plan = BucketPlan(
        program=_shown_source(program, access_bucket),
        bucket=bucket,
        owner=identities[("", owner_uid)],
        scopes=_scopes(access_bucket),
    )
    seen = set()
    wanted = ACTIONS if not program.generated else REPRESENTATIVES
    for principal in access_bucket["principals"]:
        try:
            who, tenant_user = principal_identity(principal)
        except SkipPrincipal as skip:
            plan.skipped.append(str(skip))
            continue
        identity = ANONYMOUS if tenant_user is None else identities[tenant_user]
        for group in principal["groups"]:
            for scope in group["scopes"]:
                for claim in scope["actions"]:
                    action = claim["action"]
                    if action not in ACTIONS:
                        plan.skipped.append(f"{who}: no request for {action}")
                        continue
                    if action not in wanted:
                        continue
                    ident = (who, action, scope.get("key"), scope.get("list_prefix"))
                    if ident in seen:  # `list` and `read` share the listings
                        continue
                    seen.add(ident)
                    plan.probes.append(
                        Probe(
                            program=program,
                            bucket=bucket,
                            who=who,
                            identity=identity,
                            action=action,
                            scope=scope,
                            expect="allowed" if claim["allowed"] else "denied",
                            by=claim.get("by") or {},
                            key=scope["key"],
                        )
                    )
            listing = group.get("listing")
            if listing and listing.get("unprefixed") and group["group"] == "list":
                plan.reveals.append((who, identity, _unprefixed_listing(group)))
    return plan


def _shown_source(program, access_bucket):
    """What a failure prints as the program: the whole program when it is
    one file, else the file that declares the bucket."""
    path = access_bucket.get("file")
    if os.path.isfile(program.path) or not path or not os.path.isfile(path):
        return program
    return SimpleNamespace(
        label=f"{program.label}, the file declaring bucket `{access_bucket['bucket']}`",
        path=path,
        text=open(path).read(),
    )


def _unprefixed_listing(group):
    """A listing action rookc allows with no prefix (`unprefixed` says one is)."""
    for scope in group["scopes"]:
        if scope.get("list_prefix") is None:
            for claim in scope["actions"]:
                if claim["allowed"]:
                    return claim["action"]
    return "s3:ListBucket"


def _scopes(access_bucket):
    """The places of the bucket, once each, from every principal's rows."""
    scopes = {}
    for principal in access_bucket["principals"]:
        for group in principal["groups"]:
            for scope in group["scopes"]:
                scopes.setdefault(scope["key"], scope)
    return list(scopes.values())


def required_identities(access_bucket, bucket):
    """Every (tenant, uid) the bucket's probes sign as."""
    users = {("", bucket.owner or CLAIM_USER)}
    for principal in access_bucket["principals"]:
        try:
            _, tenant_user = principal_identity(principal)
        except SkipPrincipal:
            continue
        if tenant_user is not None:
            users.add(tenant_user)
    return users


def object_patterns(bucket_name, policy):
    """The key patterns of the policy's object resources."""
    prefix = f"arn:aws:s3:::{bucket_name}/"
    patterns = set()
    for statement in (policy or {}).get("Statement", []):
        resources = statement.get("Resource", [])
        if isinstance(resources, str):
            resources = [resources]
        patterns.update(r[len(prefix) :] for r in resources if r.startswith(prefix))
    return patterns


def _glob(pattern):
    return re.compile(
        "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern),
        re.S,
    )


def fresh_key(key, number, patterns):
    """A key of its own for a probe that removes or replaces its object,
    matched by exactly the patterns that match `key`."""
    compiled = [_glob(p) for p in patterns]
    want = [bool(g.fullmatch(key)) for g in compiled]
    for candidate in (f"{key}~{number}", f"{key}{number}", f"{key}/{number}"):
        if [bool(g.fullmatch(candidate)) for g in compiled] == want:
            return candidate
    return None


def assign_keys(plan, patterns):
    """Gives each removing probe a fresh key; returns the keys to seed."""
    seeds = []
    for number, probe in enumerate(plan.probes):
        phase, removes = ACTIONS[probe.action]
        if not removes:
            continue
        key = fresh_key(probe.key, number, patterns)
        if key is None:
            raise RuntimeError(
                f"bucket `{plan.bucket.name}`: no key of its own for a probe at {probe.key!r}"
            )
        probe.key = key
        if phase == DELETE:
            seeds.append(key)
    return seeds


def ordered(probes):
    """Probes in the order that keeps them independent: by phase, and
    within a phase the actions that remove their object last."""
    return sorted(probes, key=lambda p: ACTIONS[p.action])
