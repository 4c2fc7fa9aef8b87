"""One checked claim and its outcome."""

from dataclasses import dataclass

# What a result checks: a probe is one request against one access claim.
KINDS = ("calibration", "policy", "probe", "reveal", "lifecycle", "expiry", "setup")


@dataclass
class Result:
    ok: bool
    kind: str  # one of KINDS
    what: str  # the claim, one line
    detail: str = ""  # on failure: what to look at (probe, both answers)
    program: object = None  # the program it came from, printed once on failure
