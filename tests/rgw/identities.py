"""RGW users for the probes, made with radosgw-admin with known keys."""

import hashlib
from concurrent.futures import ThreadPoolExecutor

from s3 import Identity

ANONYMOUS = Identity("anyone")


def _keys(tenant, uid):
    digest = hashlib.sha256(f"{tenant}${uid}".encode()).hexdigest().upper()
    return "RK" + digest[:18], digest[18:58]


def parse_user_arn(arn):
    """(tenant, uid) of `arn:<partition>:iam::<tenant>:user/<uid>`, else None."""
    parts = arn.split(":", 5)
    if len(parts) != 6 or parts[0] != "arn" or parts[2] != "iam":
        return None
    resource = parts[5]
    if not resource.startswith("user/"):
        return None
    return parts[4], resource[len("user/") :]


class Identities:
    def __init__(self, cluster):
        self.cluster = cluster
        self._made = {}

    def user(self, uid, tenant=""):
        """The identity of user `uid` (of `tenant`); made by `ensure`."""
        return self._made[(tenant, uid)]

    def ensure(self, users):
        """Creates every (tenant, uid) not created yet, a few at a time."""
        todo = sorted({u for u in users if u not in self._made})
        with ThreadPoolExecutor(max_workers=4) as pool:
            for identity in pool.map(lambda tu: self._create(*tu), todo):
                self._made[(identity.tenant, identity.uid)] = identity

    def _create(self, tenant, uid):
        access, secret = _keys(tenant, uid)
        args = ["user", "create", "--uid", uid, "--display-name", uid,
                "--access-key", access, "--secret-key", secret]
        if tenant:
            args += ["--tenant", tenant]
        self.cluster.admin(*args)
        label = f"{tenant}${uid}" if tenant else uid
        return Identity(label, uid, tenant, access, secret)
