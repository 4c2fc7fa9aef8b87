"""The S3 request that exercises each action of rookc's access groups.

RGW decides each request by exactly one action: a plain GET of a key is
`s3:GetObject`, the same GET with `versionId` is `s3:GetObjectVersion`,
and so on. `calibrate` checks that, so a probe never tests a different
action than the one it claims to.

Phases order the requests of one bucket so that no probe disturbs
another: reads before writes, writes before deletes; actions that remove
what they act on get a key of their own (see `probes.py`).
"""

LIST, READ, WRITE, DELETE = range(4)

# action -> (phase, whether it removes or replaces its object)
ACTIONS = {
    "s3:ListBucket": (LIST, False),
    "s3:ListBucketVersions": (LIST, False),
    "s3:GetObject": (READ, False),
    "s3:GetObjectTagging": (READ, False),
    "s3:GetObjectVersion": (READ, False),
    "s3:GetObjectVersionTagging": (READ, False),
    "s3:ListMultipartUploadParts": (READ, False),
    "s3:PutObjectTagging": (WRITE, False),
    "s3:PutObject": (WRITE, True),
    "s3:DeleteObjectTagging": (DELETE, False),
    "s3:DeleteObjectVersionTagging": (DELETE, False),
    "s3:AbortMultipartUpload": (DELETE, False),
    "s3:DeleteObject": (DELETE, True),
    "s3:DeleteObjectVersion": (DELETE, True),
}

TAGGING = (
    b'<Tagging xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
    b"<TagSet><Tag><Key>probe</Key><Value>yes</Value></Tag></TagSet></Tagging>"
)


# One action of each class the generated programs can tell apart: their
# policies grant access groups (all of a group's actions at once) and the
# literal actions of `gen.LITERAL_ACTIONS`, and within a class every
# action is matched by exactly the same of those. The examples are probed
# with every action.
REPRESENTATIVES = {
    "s3:ListBucket",
    "s3:ListBucketVersions",
    "s3:GetObject",
    "s3:GetObjectVersion",  # and GetObjectTagging, GetObjectVersionTagging
    "s3:PutObject",
    "s3:PutObjectTagging",  # and AbortMultipartUpload, ListMultipartUploadParts
    "s3:DeleteObject",
    "s3:DeleteObjectVersion",  # and DeleteObjectTagging, DeleteObjectVersionTagging
}


def perform(client, action, bucket, key, list_prefix, upload_id):
    """Sends the request for `action`; returns the Answer."""
    if action == "s3:ListBucket":
        return client.list_keys(bucket, list_prefix)
    if action == "s3:ListBucketVersions":
        query = {"versions": ""}
        if list_prefix is not None:
            query["prefix"] = list_prefix
        return client.request("GET", bucket, query=query)
    # An unversioned bucket's objects are version `null`.
    version = {"versionId": "null"}
    requests = {
        "s3:GetObject": ("GET", None, b""),
        "s3:GetObjectTagging": ("GET", {"tagging": ""}, b""),
        "s3:GetObjectVersion": ("GET", version, b""),
        "s3:GetObjectVersionTagging": ("GET", {"tagging": "", **version}, b""),
        "s3:ListMultipartUploadParts": ("GET", {"uploadId": upload_id}, b""),
        "s3:PutObject": ("PUT", None, b"probe"),
        "s3:PutObjectTagging": ("PUT", {"tagging": ""}, TAGGING),
        "s3:DeleteObjectTagging": ("DELETE", {"tagging": ""}, b""),
        "s3:DeleteObjectVersionTagging": ("DELETE", {"tagging": "", **version}, b""),
        "s3:AbortMultipartUpload": ("DELETE", {"uploadId": upload_id}, b""),
        "s3:DeleteObject": ("DELETE", None, b""),
        "s3:DeleteObjectVersion": ("DELETE", version, b""),
    }
    method, query, body = requests[action]
    return client.request(method, bucket, key, query=query, body=body)


def verdict(answer):
    """"allowed", "denied", or None when RGW's answer is neither.

    An abort of an upload someone already aborted is NoSuchUpload: RGW
    decides permission before it looks the upload up, so that answer
    means allowed.
    """
    if answer.allowed or (answer.status == 404 and answer.code == "NoSuchUpload"):
        return "allowed"
    if answer.denied:
        return "denied"
    return None


def initiate_upload(client, bucket, key):
    answer = client.request("POST", bucket, key, query={"uploads": ""})
    start = answer.body.find(b"<UploadId>")
    end = answer.body.find(b"</UploadId>")
    if not answer.allowed or start < 0 or end < 0:
        raise RuntimeError(f"cannot start a multipart upload of {bucket}/{key}: {answer}")
    return answer.body[start + 10 : end].decode()
