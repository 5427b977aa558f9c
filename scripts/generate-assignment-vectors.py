#!/usr/bin/python3
"""Generate docs/assignment-vectors.json: an independent reference for the assignment function.

This is a second implementation of docs/assignment.md, written from the document and not from the C# code,
using Debian's python3-xxhash (`apt-get install -y python3-xxhash`; run with /usr/bin/python3). The C# test
AssignmentVectorTests checks every row, so the two implementations must agree byte for byte.

Usage: /usr/bin/python3 scripts/generate-assignment-vectors.py > docs/assignment-vectors.json
"""
import json
import random
import sys

import xxhash

MASK64 = (1 << 64) - 1
BASIS_POINTS = 10_000
MAX_USER_ID_BYTES = 256


def salted_hash(salt: str, user_id: str) -> int:
    """XXH3-64, seed 0, of UTF-8(salt) + b':' + UTF-8(user id)."""
    return xxhash.xxh3_64_intdigest(salt.encode("utf-8") + b":" + user_id.encode("utf-8"), seed=0)


def reduce(h: int, n: int) -> tuple[int, int]:
    """Multiply-shift: bucket = high 64 bits of h*n, rest = low 64 bits (the second, independent draw)."""
    product = h * n
    return product >> 64, product & MASK64


def assign(case: dict) -> dict:
    user = case["userId"]
    size = len(user.encode("utf-8"))
    if size == 0 or size > MAX_USER_ID_BYTES:
        return {"reason": "InvalidUserId", "slot": -1}

    out = {}
    holdout_hash = salted_hash(case["holdoutSalt"], user)
    out["holdoutHash"] = f"{holdout_hash:016x}"
    out["holdoutBucket"] = reduce(holdout_hash, BASIS_POINTS)[0]

    slot = -1
    if case["namespaceSalt"] is not None:
        layer_hash = salted_hash(case["namespaceSalt"], user)
        slot = reduce(layer_hash, case["totalSlots"])[0]
        out["layerHash"] = f"{layer_hash:016x}"
    out["slot"] = slot

    experiment_hash = salted_hash(case["experimentSalt"], user)
    traffic_bucket, rest = reduce(experiment_hash, BASIS_POINTS)
    variant_bucket = reduce(rest, sum(case["weights"]))[0]
    cumulative, variant_index = 0, None
    for index, weight in enumerate(case["weights"]):
        cumulative += weight
        if variant_bucket < cumulative:
            variant_index = index
            break
    out["experimentHash"] = f"{experiment_hash:016x}"
    out["trafficBucket"] = traffic_bucket
    out["variantBucket"] = variant_bucket
    out["variantIndex"] = variant_index

    # The decision order of docs/assignment.md; every hash above is reported even when an earlier step decides,
    # so each row also pins the raw hash of every salt.
    if slot != -1 and not (case["slotStart"] <= slot < case["slotEnd"]):
        out["reason"] = "OutsideExperimentSlots"
    elif out["holdoutBucket"] < case["holdoutBasisPoints"]:
        out["reason"] = "GlobalHoldout"
    elif traffic_bucket >= case["trafficBasisPoints"]:
        out["reason"] = "NotInTraffic"
    else:
        out["reason"] = "Assigned"
    return out


def cases():
    rng = random.Random(20261125)
    layers = [("checkout", 1000), ("search-ranking", 1000), ("café-layer", 1000), ("tiny", 1), ("wide", 100_000),
              ("seven", 7), (None, 0)]
    experiments = ["exp-button-colour", "ranker-v2", "prix-réduit", "exp-🚀-launch", "k", "onboarding-2026"]
    weight_sets = [[1, 1], [50, 50], [1, 1, 1], [10, 20, 70], [0, 1], [1, 0, 3], [1], [3333, 3333, 3334],
                   [999_999, 1]]
    users = ["user-1", "user-42", "u", "alice@example.com", "0", "00000000-0000-0000-0000-000000000000",
             "Zoë", "用户-七", "👩‍💻-dev", "a" * 256, "€" * 85, " leading space", "tab\tinside"]
    invalid_users = ["", "a" * 257, "€" * 86, "👩" * 65]

    for i in range(230):
        namespace, total_slots = layers[i % len(layers)]
        weights = weight_sets[i % len(weight_sets)]
        if total_slots > 0 and i % 3 == 0:
            start, end = 0, total_slots
        elif total_slots > 0:
            start = rng.randrange(total_slots)
            end = rng.randrange(start + 1, total_slots + 1)
        else:
            start = end = 0
        user = users[i] if i < len(users) else f"user-{rng.randrange(10**9)}"
        yield {
            "holdoutSalt": "global-holdout" if i % 2 == 0 else "holdout-2026",
            "holdoutBasisPoints": [0, 150, 200, 10_000, 0, 100][i % 6],
            "namespaceSalt": namespace,
            "totalSlots": total_slots,
            "slotStart": start,
            "slotEnd": end,
            "experimentSalt": experiments[i % len(experiments)],
            "trafficBasisPoints": [10_000, 5_000, 1_000, 0, 9_999, 2_500, 1][i % 7],
            "weights": weights,
            "userId": user,
        }
    for user in invalid_users:
        yield {"holdoutSalt": "global-holdout", "holdoutBasisPoints": 150, "namespaceSalt": "checkout",
               "totalSlots": 1000, "slotStart": 0, "slotEnd": 1000, "experimentSalt": "exp-button-colour",
               "trafficBasisPoints": 10_000, "weights": [1, 1], "userId": user}


def main():
    rows = [dict(case, expected=assign(case)) for case in cases()]
    document = {
        "description": "Assignment test vectors; see docs/assignment.md for the algorithm and field meanings.",
        "generator": "scripts/generate-assignment-vectors.py (Python, python3-xxhash)",
        "hash": "XXH3_64bits, seed 0, over UTF-8(salt) ':' UTF-8(userId)",
        "xxhashLibraryVersion": xxhash.XXHASH_VERSION,
        "vectors": rows,
    }
    # One row per line keeps the file readable and its diffs reviewable.
    head = json.dumps({k: v for k, v in document.items() if k != "vectors"}, ensure_ascii=False, indent=1)
    body = ",\n".join("  " + json.dumps(row, ensure_ascii=False) for row in rows)
    sys.stdout.write(head[:-2] + ',\n "vectors": [\n' + body + "\n ]\n}\n")


if __name__ == "__main__":
    main()
