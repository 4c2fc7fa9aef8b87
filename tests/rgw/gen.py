"""Small random rook programs for the real-RGW suite.

Each program declares a few users, one or two buckets with fixed names,
and a short policy drawing on everything a policy can say: users, `anyone`,
ARN principals, access groups, literal actions (wildcards too), allow and
deny, nested and overlapping prefixes, or no `on` at all. Programs are a
pure function of (seed, index), so a failure is reproduced by its number.

Names come from small pools so that one cluster serves every program: the
users are the same RGW users in every program (each program declares some
of them), and bucket names carry the program's index.

Half of the programs' first buckets also get a lifecycle drawn from every
shape a rule can take (rule IDs, one shared by two actions, delete
markers, noncurrent transitions and versions, tag and size filters), from
a random stream of their own, so that the policies stay those of earlier
runs of a seed.
"""

import random

# Default-tenant users a program may declare (and make owners).
DECLARABLE_USERS = ["alice", "bob", "carol", "dave"]

# ARN principals a program may name. Each names RGW identities the suite
# creates: `erin` is a default-tenant user no program declares, `auditor`
# a user of tenant `partner`; a `root` ARN names every user of its tenant
# (the default tenant's too), probed as a member no user ARN names.
ARN_PRINCIPALS = [
    "arn:aws:iam:::user/erin",
    "arn:aws:iam::partner:user/auditor",
    "arn:aws:iam::partner:root",
    "arn:aws:iam:::root",
]

GROUPS = ["list", "read", "write", "delete"]

# Literal actions: each is, or matches, one of the actions the probes use.
LITERAL_ACTIONS = [
    '"s3:GetObject"',
    '"s3:PutObject"',
    '"s3:DeleteObject"',
    '"s3:ListBucket"',
    '"s3:Get*"',
    '"s3:*Object"',
    '"s3:*"',
]

# Prefixes: nested (`a/` holds `a/b/`), disjoint, one without a slash
# (`logs` also matches `logs-old/...`), and one with a wildcard inside.
PREFIXES = ["a/", "a/b/", "logs", "tmp/", "x/*/y/"]


def _principals(rng, users):
    pool = list(users) + ["anyone"] + ARN_PRINCIPALS
    chosen = rng.sample(pool, rng.choice([1, 1, 1, 2]))
    if len(chosen) == 1:
        return _principal_text(chosen[0])
    return "[" + ", ".join(_principal_text(p) for p in chosen) + "]"


def _principal_text(p):
    return f'"{p}"' if p.startswith("arn:") else p


def _actions(rng):
    count = rng.choice([1, 1, 2])
    actions = []
    for _ in range(count):
        if rng.random() < 0.2:
            actions.append(rng.choice(LITERAL_ACTIONS))
        else:
            actions.append(rng.choice(GROUPS))
    return list(dict.fromkeys(actions))


def _statement(rng, users):
    effect = "allow" if rng.random() < 0.6 else "deny"
    actions = _actions(rng)
    line = f"{effect} {_principals(rng, users)} {' '.join(actions)}"
    if rng.random() < 0.6 and _may_narrow(actions):
        prefixes = rng.sample(PREFIXES, rng.choice([1, 1, 2]))
        if len(prefixes) == 1:
            line += f' on "{prefixes[0]}"'
        else:
            line += " on [" + ", ".join(f'"{p}"' for p in prefixes) + "]"
    return line


def _may_narrow(actions):
    # `on` allows only object actions and listings: a wildcard that
    # matches other bucket actions (`s3:*`) cannot be narrowed (E0405).
    return '"s3:*"' not in actions


# Lifecycle rule shapes: `{p}` a prefix (or none), `{d}` days, `{o}`
# options with an ID, tags or sizes (or none).
RULE_SHAPES = [
    "expire{p} after {d}d{o}",
    "expire-delete-markers{p}{o}",
    "expire-noncurrent{p} after {d}d {{ newer_versions = {n} }}",
    "transition-noncurrent{p} after {d}d to \"COLD\"{o}",
    "transition{p} after {d}d to \"COLD\" {{ larger_than = {lo}  smaller_than = {hi} }}",
    "abort-uploads{p} after {d}d{o}",
]

LIFECYCLE_PREFIXES = ["", ' "logs/"', ' "tmp/"', ' "a/b/"']


def _rule_options(rng, number, taggable):
    parts = []
    if rng.random() < 0.5:
        parts.append(f'id = "r{number}-{rng.randrange(1000)}"')
    # RGW refuses tags on delete markers and uploads (E0443).
    tags = [] if not taggable else rng.sample([("env", "dev"), ("team", "web"), ('"cost centre"', "42")], rng.choice([0, 0, 1, 2]))
    if tags:
        parts.append("tags { " + "  ".join(f'{k} = "{v}"' for k, v in tags) + " }")
    if rng.random() < 0.25:
        parts.append(f"larger_than = {rng.choice(['1k', '1Ki', '1Mi'])}")
    if rng.random() < 0.25:
        parts.append(f"smaller_than = {rng.choice(['2Mi', '1Gi', '5T'])}")
    return " { " + "  ".join(parts) + " }" if parts else ""


def lifecycle_lines(seed, index):
    """The lines of generated program `index`'s lifecycle, or none."""
    rng = random.Random(f"{seed}/{index}/lifecycle")
    if index % 2:
        return []
    shapes = rng.sample(range(len(RULE_SHAPES)), rng.choice([1, 2, 3, 4]))
    lines = []
    for number, shape in enumerate(shapes):
        lines.append(
            RULE_SHAPES[shape].format(
                p=rng.choice(LIFECYCLE_PREFIXES),
                d=rng.choice([1, 7, 30, 365]),
                n=rng.choice([1, 3, 100]),
                lo=rng.choice(["1k", "1Ki"]),
                hi=rng.choice(["1Mi", "10Gi"]),
                o=_rule_options(rng, number, "delete-markers" not in RULE_SHAPES[shape]
                                and "abort" not in RULE_SHAPES[shape]),
            )
        )
    if rng.random() < 0.3:
        # Two actions that share an ID are one RGW rule.
        lines.append('expire-noncurrent "v/" after 90d { id = "versions"  newer_versions = 2 }')
        lines.append('transition-noncurrent "v/" after 30d to "COLD" { id = "versions" }')
    return lines


def generate(seed, index):
    """The program text of generated program `index` under `seed`."""
    rng = random.Random(f"{seed}/{index}")
    users = sorted(rng.sample(DECLARABLE_USERS, rng.choice([1, 2, 2, 3])))
    lines = [
        f"# generated program {index} (seed {seed})",
        "objectstore s3 {",
        '  namespace     = "rook-ceph"',
        '  storage_class = "rook-ceph-bucket"',
        "}",
        "",
        'namespace "rook-ceph" {',
        "  store = s3",
    ]
    lines += [f"  user {u} {{ }}" for u in users]
    for b in range(rng.choice([1, 1, 1, 2])):
        lines.append("")
        lines.append(f"  bucket g{index:03d}-b{b} {{")
        if rng.random() < 0.8:
            lines.append(f"    owner = {rng.choice(users)}")
        if rng.random() < 0.92:
            lines.append("    policy {")
            for _ in range(rng.choice([1, 2, 2, 3])):
                lines.append("      " + _statement(rng, users))
            lines.append("    }")
        rules = lifecycle_lines(seed, index) if b == 0 else []
        if rules:
            lines.append("    lifecycle {")
            lines += ["      " + rule for rule in rules]
            lines.append("    }")
        lines.append("  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 14
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    for i in range(count):
        print(generate(seed, i))
