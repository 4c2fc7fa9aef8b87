"""Lifecycle checks: every emitted lifecycle is accepted and read back
equal, and an expiration rule really removes its objects (and only them).

Read-back uses boto3, which turns the JSON Rook decodes into the XML RGW
takes, and RGW's XML answer back into the same shapes.
"""

import json
import re
import subprocess
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from results import Result

# Keys of the expiry bucket, and whether the rules spare them.
EXPIRY_KEYS = {
    "tmp/a": False,
    "tmp/b/c": False,
    "keep/a": True,
    "other/a": True,
    "tmpx": True,  # `tmp/` is a prefix of keys, not of `tmpx`
}
EXPIRY_DEADLINE = 90  # seconds of lifecycle passes before giving up


def ceph_major():
    """The major version of the radosgw the suite runs (16, 18, 20...)."""
    out = subprocess.run(["radosgw", "--version"], capture_output=True, text=True).stdout
    match = re.search(r"ceph version (\d+)\.", out)
    return int(match.group(1)) if match else 0


# RGW before Squid (19) accepts these and drops them without a word
# (observed on 16.2.15 and 18.2.7); rookc warns (W0560). The suite checks
# that they are dropped, and nothing else, on those releases.
DROPPED_BEFORE_SQUID = ("ObjectSizeGreaterThan", "ObjectSizeLessThan", "NewerNoncurrentVersions")


def _conditions(rule):
    """Prefix, sorted tags and sizes of a rule's filter, in whichever way
    it is written (rule-level `Prefix`, `Filter`, `Filter.And`)."""
    found = dict(rule.get("Filter", {}))
    found.update(found.pop("And", {}))
    prefix = found.get("Prefix", rule.get("Prefix", ""))
    tags = list(found.get("Tags", [])) + ([found["Tag"]] if "Tag" in found else [])
    tags = sorted((t["Key"], t.get("Value", "")) for t in tags)
    sizes = {k: found[k] for k in DROPPED_BEFORE_SQUID[:2] if k in found}
    return prefix, tags, sizes


def _filter_as_rgw_writes(rule, prefix, tags, sizes):
    """The rule with its filter as RGW 18 returns it: nothing (rule-level
    `"Prefix": ""`), one condition directly, several under `And`."""
    rule = {k: v for k, v in rule.items() if k not in ("Filter", "Prefix")}
    parts = dict(sizes)
    if prefix:
        parts["Prefix"] = prefix
    tag_list = [{"Key": k, "Value": v} for k, v in tags]
    count = len(parts) + len(tag_list)
    if count == 0:
        rule["Prefix"] = ""
    elif count == 1:
        rule["Filter"] = dict(parts, **({"Tag": tag_list[0]} if tag_list else {}))
    else:
        rule["Filter"] = {"And": dict(parts, **({"Tags": tag_list} if tag_list else {}))}
    return rule


def normalise(config, major=0, emitted=False):
    """The rules as RGW returns them, in the ways RGW is known to rewrite a
    configuration: rules sorted by ID, and an empty `Filter` as
    `"Prefix": ""`; before Squid, the emitted side loses the fields that
    release drops; on Pacific (which Rook v1.20 does not support) filters
    compare by their conditions, as it writes tags its own way. Nothing
    else is forgiven."""
    rules = []
    for rule in config.get("Rules", []):
        rule = json.loads(json.dumps(rule))
        if emitted and major < 19:
            expiration = rule.get("NoncurrentVersionExpiration", {})
            expiration.pop("NewerNoncurrentVersions", None)
            prefix, tags, sizes = _conditions(rule)
            rule = _filter_as_rgw_writes(rule, prefix, tags, {})
        if "Filter" in rule and rule["Filter"] in ({}, {"Prefix": ""}):
            del rule["Filter"]
            rule.setdefault("Prefix", "")
        if major < 18:
            prefix, tags, sizes = _conditions(rule)
            rule = {k: v for k, v in rule.items() if k not in ("Filter", "Prefix")}
            rule["conditions"] = [prefix, tags, sizes]
        rules.append(rule)
    return sorted(rules, key=lambda r: r.get("ID", ""))


# Shapes counted in the figures, and how to see them in a rule.
SHAPES = {
    "own ID": lambda r: ":" not in r["ID"] and not r["ID"].startswith(
        ("expire", "abort-uploads", "transition")
    ),
    "several actions": lambda r: sum(
        k in r
        for k in (
            "Expiration",
            "NoncurrentVersionExpiration",
            "AbortIncompleteMultipartUpload",
            "Transitions",
            "NoncurrentVersionTransitions",
        )
    )
    > 1,
    "ExpiredObjectDeleteMarker": lambda r: "ExpiredObjectDeleteMarker" in r.get("Expiration", {}),
    "NoncurrentVersionTransitions": lambda r: "NoncurrentVersionTransitions" in r,
    "NewerNoncurrentVersions": lambda r: "NewerNoncurrentVersions"
    in r.get("NoncurrentVersionExpiration", {}),
    "Filter.Tag": lambda r: "Tag" in r.get("Filter", {}),
    "Filter.And": lambda r: "And" in r.get("Filter", {}),
    "object sizes": lambda r: "ObjectSize" in json.dumps(r.get("Filter", {})),
}


def shape_counts(buckets):
    """`shape N, ...`: how many rules read back had each shape."""
    counts = dict.fromkeys(SHAPES, 0)
    for bucket in buckets:
        for rule in json.loads(bucket.lifecycle).get("Rules", []):
            for name, has in SHAPES.items():
                counts[name] += bool(has(rule))
    return ", ".join(f"{name} {n}" for name, n in counts.items())


_SESSION = []  # one boto3 session: its first client loads the S3 model


def boto_client(endpoint, identity):
    if not _SESSION:
        _SESSION.append(boto3.session.Session())
    return _SESSION[0].client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=identity.access_key,
        aws_secret_access_key=identity.secret_key,
        region_name="us-east-1",
        config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 1}),
    )


def check_read_back(client, bucket_name, program, bucket, major):
    """PUT the claim's lifecycle on a fresh bucket and read it back; RGW
    `major` tells what it is known to drop."""
    what = f"{program.label}: lifecycle of bucket `{bucket.claim}` reads back equal"
    emitted = json.loads(bucket.lifecycle)
    try:
        client.create_bucket(Bucket=bucket_name)
        client.put_bucket_lifecycle_configuration(
            Bucket=bucket_name, LifecycleConfiguration=emitted
        )
        back = client.get_bucket_lifecycle_configuration(Bucket=bucket_name)
    except ClientError as e:
        return Result(False, "lifecycle", what, f"RGW refused it: {e}\nlifecycle: {bucket.lifecycle}")
    got = {"Rules": back.get("Rules", [])}
    expected = normalise(emitted, major, emitted=True)
    if normalise(got, major) == expected:
        return Result(True, "lifecycle", what)
    return Result(
        False,
        "lifecycle",
        what,
        f"emitted:   {json.dumps(expected, sort_keys=True)}\n"
        f"read back: {json.dumps(normalise(got, major), sort_keys=True)}",
    )


class ExpiryCheck:
    """Set up early (objects need to age), judged at the end."""

    def __init__(self, client, bucket):
        self.client = client
        self.bucket = bucket

    def set_up(self):
        self.client.create_bucket(Bucket=self.bucket.name)
        self.client.put_bucket_lifecycle_configuration(
            Bucket=self.bucket.name, LifecycleConfiguration=json.loads(self.bucket.lifecycle)
        )
        for key in EXPIRY_KEYS:
            self.client.put_object(Bucket=self.bucket.name, Key=key, Body=b"x")

    def _keys(self):
        listing = self.client.list_objects_v2(Bucket=self.bucket.name)
        return {o["Key"] for o in listing.get("Contents", [])}

    def judge(self, cluster):
        what = (
            f"expiry: `expire \"tmp/\" after 1d` removes tmp/ objects and spares "
            f"{sorted(k for k, kept in EXPIRY_KEYS.items() if kept)}"
        )
        expected = {k for k, kept in EXPIRY_KEYS.items() if kept}
        deadline = time.monotonic() + EXPIRY_DEADLINE
        keys = self._keys()
        while time.monotonic() < deadline:
            cluster.admin("lc", "process", timeout=120)
            keys = self._keys()
            if keys == expected or not expected <= keys:
                break
            time.sleep(cluster.lc_debug_interval)
        if keys == expected:
            return Result(True, "expiry", what)
        return Result(
            False,
            "expiry",
            what,
            f"after lifecycle passes for up to {EXPIRY_DEADLINE} s the bucket holds "
            f"{sorted(keys)}; expected {sorted(expected)}",
        )
