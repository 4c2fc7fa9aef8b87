"""The programs under test: every example, and the generated ones.

Each program is compiled with the rookc under test, as a user would:
`rookc build --stdout` for the manifests (users, and per bucket the owner,
the policy and the lifecycle exactly as the ObjectBucketClaim carries
them) and `rookc access --format json` for what rookc claims each
principal may do.
"""

import glob
import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import yaml

import gen


@dataclass
class Bucket:
    """One ObjectBucketClaim as emitted."""

    claim: str  # metadata.name
    namespace: str
    name: str  # the S3 bucket name
    generated: bool  # `generateBucketName`: the suite picks a name
    owner: str  # `bucketOwner`, or "" when the claim has none
    policy: str  # `bucketPolicy`, verbatim, or ""
    lifecycle: str  # `bucketLifecycle`, verbatim, or ""


@dataclass
class Program:
    label: str  # `examples/policy` or `generated 17 (seed 14)`
    path: str  # what rookc was given
    text: str  # the source, for reports
    generated: bool = False  # made by gen.py (probed with representative actions)
    users: list = field(default_factory=list)  # CephObjectStoreUser names
    buckets: list = field(default_factory=list)
    access: object = None  # the parsed `rookc access --format json`


class CompileError(Exception):
    pass


def _rookc(rookc, *args):
    done = subprocess.run([rookc, *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise CompileError(
            f"`rookc {' '.join(args)}` exited {done.returncode}:\n{done.stderr.strip()}"
        )
    return done.stdout


def _source_text(path):
    if os.path.isfile(path):
        return open(path).read()
    parts = []
    for f in sorted(glob.glob(os.path.join(path, "**", "*.rook"), recursive=True)):
        parts.append(f"# --- {f}\n" + open(f).read())
    return "\n".join(parts)


def compile_program(rookc, label, path, generated=False):
    program = Program(label=label, path=path, text=_source_text(path), generated=generated)
    for doc in yaml.safe_load_all(_rookc(rookc, "build", path, "--stdout")):
        if not doc:
            continue
        kind = doc.get("kind")
        if kind == "CephObjectStoreUser":
            program.users.append(doc["metadata"]["name"])
        elif kind == "ObjectBucketClaim":
            program.buckets.append(_bucket(doc))
    program.access = json.loads(_rookc(rookc, "access", path, "--format", "json"))
    return program


def _bucket(doc):
    spec = doc["spec"]
    config = spec.get("additionalConfig") or {}
    generated = "bucketName" not in spec
    return Bucket(
        claim=doc["metadata"]["name"],
        namespace=doc["metadata"]["namespace"],
        # A generated name is `<prefix>-<uuid>` in Rook; any valid name
        # with that prefix stands for it here.
        name=spec["bucketName"] if not generated else spec["generateBucketName"] + "-gen",
        generated=generated,
        owner=config.get("bucketOwner", ""),
        policy=config.get("bucketPolicy", ""),
        lifecycle=config.get("bucketLifecycle", ""),
    )


def example_paths(repo):
    return sorted(
        d.rstrip("/") for d in glob.glob(os.path.join(repo, "examples", "*", ""))
    )


def all_programs(rookc, repo, seed, count, workdir, only=None):
    """Every example, then `count` generated programs written under workdir
    (or just the numbers in `only`)."""
    jobs = [(os.path.relpath(path, repo), path, False) for path in example_paths(repo)]
    gen_dir = os.path.join(workdir, "generated")
    os.makedirs(gen_dir, exist_ok=True)
    for index in range(count):
        if only is not None and index not in only:
            continue
        path = os.path.join(gen_dir, f"g{index:03d}.rook")
        with open(path, "w") as f:
            f.write(gen.generate(seed, index))
        jobs.append((f"generated program {index} (seed {seed})", path, True))
    # rookc runs as child processes: threads overlap them.
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda job: compile_program(rookc, *job), jobs))
