"""A drafting writer in its own OS process, for the concurrency and crash tests of test_repo.py.

    python concurrent_writer.py WORKSPACE CHANGES_JSON [--go-file F] [--handshake] [--hold SECONDS]

CHANGES_JSON holds {"message": ..., "author": [name, email], "trailers": {...},
"write": {path: text}, "delete": [path, ...]}.  --go-file: wait until F exists before starting (a
start line for many processes); --handshake: print "ready" and wait for a line on stdin; --hold: sleep
inside the transaction before committing (holding the workspace lock).  Prints "committed <sha>".
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

from drafting.store.repo import Repo


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("workspace")
    parser.add_argument("changes")
    parser.add_argument("--go-file")
    parser.add_argument("--handshake", action="store_true")
    parser.add_argument("--hold", type=float, default=0.0)
    args = parser.parse_args()
    with open(args.changes, encoding="utf-8") as f:
        spec = json.load(f)
    repo = Repo.open(args.workspace)
    if args.handshake:
        print("ready", flush=True)
        sys.stdin.readline()
    if args.go_file:
        deadline = time.monotonic() + 30
        while not os.path.exists(args.go_file) and time.monotonic() < deadline:
            time.sleep(0.001)
    with repo.transaction(spec["message"], tuple(spec["author"]), spec.get("trailers")) as tx:
        if args.hold:
            print("holding", flush=True)
            time.sleep(args.hold)
        for path, text in spec.get("write", {}).items():
            tx.write(path, text.encode("utf-8"))
        for path in spec.get("delete", []):
            tx.delete(path)
    print(f"committed {tx.commit_sha}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
