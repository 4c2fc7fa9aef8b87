"""A small S3 client for the probes: one kept-alive HTTP connection per
identity, requests signed with AWS Signature Version 4 (or not signed at
all, for anonymous requests).

boto3 costs several milliseconds of bookkeeping per request and the
probes number in the tens of thousands, so they go through this instead.
A signing mistake cannot pass for a denial: RGW answers it with
`SignatureDoesNotMatch`, and only `AccessDenied` counts as denied. Set-up
that needs boto3's XML shapes (lifecycle configuration) uses boto3.
"""

import datetime
import hashlib
import hmac
import http.client
import threading
import urllib.parse
from dataclasses import dataclass

REGION = "us-east-1"


@dataclass(frozen=True)
class Identity:
    """Who sends a request: an RGW user with keys, or nobody (anonymous)."""

    label: str
    uid: str = ""
    tenant: str = ""
    access_key: str = ""
    secret_key: str = ""

    @property
    def anonymous(self):
        return not self.access_key

    def bucket_path(self, bucket):
        # A user of another tenant names a bucket of the default tenant as
        # `:bucket`; plain `bucket` would be looked up in its own tenant.
        return f":{bucket}" if self.tenant else bucket


@dataclass
class Answer:
    """What RGW said: the HTTP status, its S3 error code, and the body."""

    status: int
    code: str
    body: bytes

    @property
    def allowed(self):
        return 200 <= self.status < 300

    @property
    def denied(self):
        return self.status == 403 and self.code == "AccessDenied"


def _uri_encode(text):
    return urllib.parse.quote(text, safe="-_.~")


def _error_code(body):
    start = body.find(b"<Code>")
    end = body.find(b"</Code>")
    if start < 0 or end < 0:
        return ""
    return body[start + 6 : end].decode("utf-8", "replace")


class Client:
    """Requests as one identity over one connection (not thread-safe)."""

    def __init__(self, endpoint, identity):
        parsed = urllib.parse.urlsplit(endpoint)
        self.endpoint = endpoint
        self.host = parsed.hostname
        self.port = parsed.port
        self.identity = identity
        self._conn = None
        self._signing_keys = {}  # date -> key

    def request(self, method, bucket, key=None, query=None, body=b"", headers=None):
        path = "/" + urllib.parse.quote(self.identity.bucket_path(bucket), safe="")
        if key is not None:
            path += "/" + urllib.parse.quote(key, safe="/~")
        if query:
            path += "?" + "&".join(f"{_uri_encode(k)}={_uri_encode(v)}" for k, v in query.items())
        request_headers = dict(headers or {})
        if not self.identity.anonymous:
            request_headers = self._sign(method, path, query, body, request_headers)
        return self._send(method, path, body, request_headers)

    def _sign(self, method, path, query, body, headers):
        """`headers` plus the SigV4 ones for this request."""
        now = datetime.datetime.now(datetime.timezone.utc)
        stamp = now.strftime("%Y%m%dT%H%M%SZ")
        date = stamp[:8]
        signed = {k.lower(): str(v).strip() for k, v in headers.items()}
        signed["host"] = f"{self.host}:{self.port}"
        signed["x-amz-date"] = stamp
        signed["x-amz-content-sha256"] = hashlib.sha256(body).hexdigest()
        names = sorted(signed)
        canonical_query = "&".join(
            f"{_uri_encode(k)}={_uri_encode(v)}" for k, v in sorted((query or {}).items())
        )
        canonical = "\n".join(
            [
                method,
                path.split("?", 1)[0],
                canonical_query,
                "".join(f"{n}:{signed[n]}\n" for n in names),
                ";".join(names),
                signed["x-amz-content-sha256"],
            ]
        )
        scope = f"{date}/{REGION}/s3/aws4_request"
        to_sign = "\n".join(
            ["AWS4-HMAC-SHA256", stamp, scope, hashlib.sha256(canonical.encode()).hexdigest()]
        )
        signature = hmac.new(self._signing_key(date), to_sign.encode(), hashlib.sha256)
        signed["authorization"] = (
            f"AWS4-HMAC-SHA256 Credential={self.identity.access_key}/{scope}, "
            f"SignedHeaders={';'.join(names)}, Signature={signature.hexdigest()}"
        )
        return signed

    def _signing_key(self, date):
        key = self._signing_keys.get(date)
        if key is None:
            key = ("AWS4" + self.identity.secret_key).encode()
            for part in (date, REGION, "s3", "aws4_request"):
                key = hmac.new(key, part.encode(), hashlib.sha256).digest()
            self._signing_keys[date] = key
        return key

    def _send(self, method, path, body, headers):
        # One retry on a fresh connection: RGW may close an idle one.
        for attempt in (1, 2):
            if self._conn is None:
                self._conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self._conn.request(method, path, body=body or None, headers=headers)
                response = self._conn.getresponse()
                data = response.read()
                return Answer(response.status, _error_code(data), data)
            except (http.client.HTTPException, ConnectionError):
                self._conn.close()
                self._conn = None
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    # -- the operations the probes use ---------------------------------

    def list_keys(self, bucket, prefix=None):
        query = {"list-type": "2"}
        if prefix is not None:
            query["prefix"] = prefix
        return self.request("GET", bucket, query=query)

    def get(self, bucket, key):
        return self.request("GET", bucket, key)

    def put(self, bucket, key, body=b"probe"):
        return self.request("PUT", bucket, key, body=body)

    def delete(self, bucket, key):
        return self.request("DELETE", bucket, key)

    def create_bucket(self, bucket):
        return self.request("PUT", bucket)

    def put_policy(self, bucket, policy):
        return self.request("PUT", bucket, query={"policy": ""}, body=policy.encode())

    def get_policy(self, bucket):
        return self.request("GET", bucket, query={"policy": ""})


def listed_keys(answer):
    """The keys of a ListObjectsV2 answer."""
    keys = []
    body = answer.body
    pos = 0
    while True:
        start = body.find(b"<Key>", pos)
        if start < 0:
            return keys
        end = body.find(b"</Key>", start)
        keys.append(body[start + 5 : end].decode())
        pos = end


class Clients:
    """One Client per (thread, identity), made on first use."""

    def __init__(self, endpoint):
        self.endpoint = endpoint
        self._local = threading.local()

    def of(self, identity):
        table = getattr(self._local, "table", None)
        if table is None:
            table = self._local.table = {}
        client = table.get(identity)
        if client is None:
            client = table[identity] = Client(self.endpoint, identity)
        return client
