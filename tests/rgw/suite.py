"""The real-RGW suite: what rookc claims about access and lifecycles,
checked against a throwaway Ceph RGW.

    python3 tests/rgw/suite.py --rookc target/debug/rookc --state DIR

Normally started by `tests/rgw/run`, which installs what is missing and
owns the state directory. Prints every disagreement with its program,
then `N passed, M failed`; exits 1 on any failure.
"""

import argparse
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import calibrate
import identities as ids
import lifecycle
import programs as progs
import probes
from cluster import Cluster
from policies import run_plan
from results import Result
from s3 import Clients

MAX_SHOWN = 60  # disagreements printed in full; the rest are counted


def log(message):
    print(f"[rgw {time.monotonic() - START:6.1f}s] {message}", flush=True)


START = time.monotonic()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rookc", required=True)
    parser.add_argument("--state", required=True, help="an empty directory for the cluster")
    parser.add_argument("--repo", default=os.path.join(os.path.dirname(__file__), "..", ".."))
    parser.add_argument("--seed", type=int, default=int(os.environ.get("ROOKC_RGW_SEED", "14")))
    parser.add_argument(
        "--programs", type=int, default=int(os.environ.get("ROOKC_RGW_PROGRAMS", "200"))
    )
    parser.add_argument("--jobs", type=int, default=int(os.environ.get("ROOKC_RGW_JOBS", "3")))
    parser.add_argument(
        "--only",
        default=os.environ.get("ROOKC_RGW_ONLY", ""),
        help="comma-separated generated program numbers: run just those (and the examples)",
    )
    parser.add_argument(
        "--report",
        default=os.environ.get("ROOKC_RGW_REPORT", "target/rgw/report.txt"),
        help="where every disagreement is written, shown or not",
    )
    return parser.parse_args()


def plan_all(programs):
    """Bucket plans of every program, and the buckets with a lifecycle."""
    plans, lifecycles, names = [], [], {}
    for program in programs:
        emitted = {(b.namespace, b.claim): b for b in program.buckets}
        for access_bucket in program.access["buckets"]:
            bucket = emitted.get((access_bucket.get("namespace"), access_bucket["bucket"]))
            if bucket is None:
                raise SystemExit(
                    f"{program.label}: `rookc access` names bucket "
                    f"{access_bucket['bucket']!r}, which `rookc build` does not emit"
                )
            if bucket.name in names:
                raise SystemExit(
                    f"bucket name {bucket.name!r} is in {names[bucket.name]} and {program.label}"
                )
            names[bucket.name] = program.label
            plans.append((program, bucket, access_bucket))
        lifecycles += [(program, b) for b in program.buckets if b.lifecycle]
    return plans, lifecycles


def write_report(path, results):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        for result in results:
            if not result.ok:
                label = result.program.label if result.program is not None else "-"
                f.write(f"{label}\t{result.kind}\t{result.detail or result.what}\n")


def report(results, stats):
    failed = [r for r in results if not r.ok]
    shown_programs = set()
    for number, result in enumerate(failed):
        if number == MAX_SHOWN:
            print(f"... and {len(failed) - MAX_SHOWN} more disagreements")
            break
        if result.program is not None and result.program.label not in shown_programs:
            shown_programs.add(result.program.label)
            print(f"\n=== {result.program.label} ({result.program.path}):")
            print(result.program.text.rstrip())
        print(f"FAILED: {result.detail or result.what}")
    print()
    for line in stats:
        print(line)
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


def main():
    args = parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    repo = os.path.abspath(args.repo)
    work = os.path.join(args.state, "programs")

    # The cluster starts (mostly waiting) while rookc compiles.
    cluster = Cluster(args.state)
    log(f"starting the cluster under {args.state}")
    starting = ThreadPoolExecutor(max_workers=1)
    started = starting.submit(cluster.start)
    try:
        log(f"compiling the examples and {args.programs} generated programs (seed {args.seed})")
        try:
            only = {int(n) for n in args.only.split(",") if n.strip()}
            programs = progs.all_programs(
                args.rookc, repo, args.seed, args.programs, work, only or None
            )
            expiry = progs.compile_program(
                args.rookc, "tests/rgw/expiry.rook", os.path.join(repo, "tests/rgw/expiry.rook")
            )
        except progs.CompileError as e:
            print(f"FAILED: {e}\n0 passed, 1 failed")
            return 1
        planned, lifecycles = plan_all(programs)
        log(f"compiled {len(programs)} programs")
        try:
            started.result()
        except (RuntimeError, OSError, subprocess.SubprocessError) as e:
            print(f"FAILED: the cluster did not start: {e}")
            print(cluster.log_tail())
            print("0 passed, 1 failed")
            return 1
        log(f"RGW answers on {cluster.endpoint}")
        return run(cluster, programs, planned, lifecycles, expiry, args)
    finally:
        # Never stop while a daemon may still be starting.
        starting.shutdown(wait=True)
        log("stopping the cluster")
        cluster.stop()
        log("cluster stopped")


def run(cluster, programs, planned, lifecycles, expiry, args):
    identities = ids.Identities(cluster)
    wanted = {("", calibrate.CAL_OWNER), ("", calibrate.CAL_USER), ("", probes.OTHER_USER)}
    for _, bucket, access_bucket in planned:
        wanted |= probes.required_identities(access_bucket, bucket)
    wanted |= {("", b.owner or probes.CLAIM_USER) for _, b in lifecycles}
    wanted.add(("", expiry.buckets[0].owner))
    identities.ensure(wanted)
    log(f"{len(wanted)} RGW users created")
    made = {(tenant, uid): identities.user(uid, tenant) for tenant, uid in wanted}

    expiry_bucket = expiry.buckets[0]
    expiry_check = lifecycle.ExpiryCheck(
        lifecycle.boto_client(cluster.endpoint, made[("", expiry_bucket.owner)]), expiry_bucket
    )
    expiry_check.set_up()
    log("expiry bucket seeded; calibrating")

    clients = Clients(cluster.endpoint)
    results = calibrate.calibrate(
        clients, made[("", calibrate.CAL_OWNER)], made[("", calibrate.CAL_USER)]
    )
    plans = [probes.plan_bucket(p, b, a, made) for p, b, a in planned]
    probe_count = sum(len(p.probes) for p in plans)
    log(f"running {probe_count} probes on {len(plans)} buckets ({args.jobs} at a time)")

    def one(plan):
        try:
            return run_plan(plan, clients)
        except Exception as e:  # a broken set-up fails its bucket, not the run
            return [Result(False, "setup", f"bucket `{plan.bucket.name}`", f"set-up failed: {e}", plan.program)]

    pool = ThreadPoolExecutor(max_workers=args.jobs)
    try:
        for bucket_results in pool.map(one, plans):
            results += bucket_results
    finally:
        # On an interrupt, buckets not started yet are dropped.
        pool.shutdown(wait=True, cancel_futures=True)
    log("probes done; lifecycles")

    major = lifecycle.ceph_major()
    for number, (program, bucket) in enumerate(lifecycles):
        owner = made[("", bucket.owner or probes.CLAIM_USER)]
        client = lifecycle.boto_client(cluster.endpoint, owner)
        results.append(
            lifecycle.check_read_back(client, f"rookc-lc-{number:03d}", program, bucket, major)
        )
    log("lifecycles read back; waiting for the expiry")
    results.append(expiry_check.judge(cluster))
    log("expiry judged")

    disagreements = sum(1 for r in results if not r.ok and r.kind in ("probe", "reveal"))
    skipped = sorted({s for p in plans for s in p.skipped})
    generated = sum(1 for p in programs if p.generated)
    stats = [
        f"programs: {len(programs)} ({len(programs) - generated} examples, "
        f"{generated} generated, seed {args.seed}); buckets: {len(plans)}",
        f"probes: {probe_count}; disagreements: {disagreements}",
        f"lifecycles read back: {len(lifecycles)}; expiry passes checked: 1",
        "lifecycle shapes read back: " + lifecycle.shape_counts(b for _, b in lifecycles),
        f"RGW {major}: "
        + (
            "object sizes and NewerNoncurrentVersions read back as emitted"
            if major >= 19
            else "object sizes and NewerNoncurrentVersions checked to be dropped (W0560)"
        ),
    ]
    by_kind = {}
    for r in results:
        passed, failed = by_kind.get(r.kind, (0, 0))
        by_kind[r.kind] = (passed + r.ok, failed + (not r.ok))
    stats.append(
        "by kind: "
        + ", ".join(f"{k} {p} passed {f} failed" for k, (p, f) in sorted(by_kind.items()))
    )
    stats += [f"not probed: {s}" for s in skipped]
    write_report(args.report, results)
    stats.append(f"every failure: {args.report}")
    return report(results, stats)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        sys.exit(130)
