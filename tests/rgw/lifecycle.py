"""Lifecycle checks: every emitted lifecycle is accepted and read back
equal, and an expiration rule really removes its objects (and only them).

Read-back uses boto3, which turns the JSON Rook decodes into the XML RGW
takes, and RGW's XML answer back into the same shapes.
"""

import json
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


def normalise(config):
    """The rules as RGW returns them, in the two ways RGW is known to
    rewrite a configuration: rules sorted by ID, and an empty `Filter` as
    `"Prefix": ""`. Nothing else is forgiven."""
    rules = []
    for rule in config.get("Rules", []):
        rule = dict(rule)
        if "Filter" in rule and rule["Filter"] in ({}, {"Prefix": ""}):
            del rule["Filter"]
            rule.setdefault("Prefix", "")
        rules.append(rule)
    return sorted(rules, key=lambda r: r.get("ID", ""))


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


def check_read_back(client, bucket_name, program, bucket):
    """PUT the claim's lifecycle on a fresh bucket and read it back."""
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
    if normalise(got) == normalise(emitted):
        return Result(True, "lifecycle", what)
    return Result(
        False,
        "lifecycle",
        what,
        f"emitted:   {json.dumps(normalise(emitted), sort_keys=True)}\n"
        f"read back: {json.dumps(normalise(got), sort_keys=True)}",
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
