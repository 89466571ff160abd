#!/usr/bin/env python3
"""An independent verifier of zjcs-draw-v1 records, in Python's standard library only.

Usage: python3 verify_draw.py <record.json | https://…/draws/<id>/record.json>
Prints the recomputed commitment, scores, order, winner and pick as JSON, then OK or the
differences; exits 1 when the record does not recompute. The algorithm is described at
/draws/algorithm on the marketplace and in services/selection/draw.ts.
"""
import hashlib
import hmac
import json
import sys
import urllib.request


def load(source):
    if source.startswith("http://") or source.startswith("https://"):
        with urllib.request.urlopen(source) as response:
            return json.loads(response.read().decode("utf-8"))
    with open(source, encoding="utf-8") as handle:
        return json.load(handle)


def recompute(record):
    secret = bytes.fromhex(record["secret"])
    commitment = hashlib.sha256(secret).hexdigest()
    nonces = sorted(c["nonce"] for c in record["candidates"] if c["nonce"])
    message = "|".join(["zjcs-draw-v1", record["procurementId"], record["purpose"], record["secret"], ",".join(nonces), record.get("beacon", "")])
    seed = hashlib.sha256(message.encode("utf-8")).digest()
    scores = {c["key"]: hmac.new(seed, c["key"].encode("utf-8"), hashlib.sha256).hexdigest() for c in record["candidates"]}
    order = sorted(scores, key=lambda key: scores[key])
    out = {"commitment": commitment, "scores": scores, "order": order}
    if "winner" in record:
        out["winner"] = order[0] if order else None
    if "pick" in record:
        mac = hmac.new(seed, b"pick", hashlib.sha256).digest()
        out["pick"] = {"k": record["pick"]["k"], "index": int.from_bytes(mac[:8], "big") % record["pick"]["k"]}
    return out


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    record = load(sys.argv[1])
    got = recompute(record)
    problems = []
    if record.get("algorithm") != "zjcs-draw-v1":
        problems.append("unknown algorithm")
    if got["commitment"] != record["commitment"]:
        problems.append("the secret does not match the commitment")
    for c in record["candidates"]:
        if got["scores"][c["key"]] != c["score"]:
            problems.append("score of " + c["key"])
    if got["order"] != record["order"]:
        problems.append("order")
    if "winner" in got and got["winner"] != record["winner"]:
        problems.append("winner")
    if "pick" in got and got["pick"] != record["pick"]:
        problems.append("pick")
    print(json.dumps(got, ensure_ascii=False, sort_keys=True))
    print("OK" if not problems else "MISMATCH: " + ", ".join(problems))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
