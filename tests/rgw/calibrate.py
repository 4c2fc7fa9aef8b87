"""Checks the probes' own premise: each request of `actions.perform` is
decided by the action it stands for, and by no other.

One bucket per action, with a policy that allows one user that action
alone; that user then sends every request. Only the request of that
action may be allowed. Without this, a probe could pass while testing
something else (a GET with `versionId` decided as `s3:GetObject`, say).
"""

import json

from actions import ACTIONS, initiate_upload, perform, verdict
from results import Result

CAL_OWNER = "rookc-cal-owner"
CAL_USER = "rookc-cal-user"


def _policy(bucket, action, user):
    listing = ACTIONS[action][0] == 0
    resource = f"arn:aws:s3:::{bucket}" if listing else f"arn:aws:s3:::{bucket}/*"
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"AWS": [f"arn:aws:iam:::user/{user}"]},
                    "Action": [action],
                    "Resource": [resource],
                }
            ],
        }
    )


def calibrate(clients, owner_identity, user_identity):
    results = []
    owner = clients.of(owner_identity)
    user = clients.of(user_identity)
    order = sorted(ACTIONS, key=lambda a: ACTIONS[a])
    for number, allowed_action in enumerate(order):
        bucket = f"rookc-calibrate-{number:02d}"
        owner.create_bucket(bucket)
        owner.request("PUT", bucket, "k", body=b"seed", headers={"x-amz-tagging": "probe=yes"})
        upload = initiate_upload(owner, bucket, "k")
        for action in order:
            if ACTIONS[action][1]:
                owner.put(bucket, f"k~{action}", body=b"seed")
        owner.put_policy(bucket, _policy(bucket, allowed_action, user_identity.uid))
        wrong = []
        for action in order:
            key = f"k~{action}" if ACTIONS[action][1] else "k"
            answer = perform(user, action, bucket, key, None, upload)
            got = verdict(answer)
            want = "allowed" if action == allowed_action else "denied"
            if got != want:
                wrong.append(f"{action}: {got or 'neither'} (HTTP {answer.status} {answer.code})")
        what = f"calibration: the request for {allowed_action} is decided by {allowed_action} alone"
        detail = f"{what}; with only {allowed_action} allowed: " + "; ".join(wrong)
        results.append(Result(not wrong, "calibration", what, detail))
    return results

