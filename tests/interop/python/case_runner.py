"""The command line the interop clients share: run named test cases against a server, one PASS or FAIL line each.

    sys.exit(run_cases(__doc__, CASES, run_case))

run_case(args, name) returns None when the case passed, else what went wrong.
"""

import argparse
import sys


def run_cases(doc, cases, run_case):
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--server_host", default="127.0.0.1")
    parser.add_argument("--server_port", type=int, required=True)
    parser.add_argument("--test_case", required=True, help=f"'all', or comma-separated names from: {', '.join(cases)}")
    parser.add_argument("--timeout", type=float, default=30.0, help="deadline of each RPC, seconds")
    parser.add_argument("--connect_timeout", type=float, default=10.0, help="seconds")
    args = parser.parse_args()

    names = list(cases) if args.test_case == "all" else args.test_case.split(",")
    unknown = [name for name in names if name not in cases]
    if unknown:
        parser.error(f"unknown test case(s) {unknown}; choose from: {', '.join(cases)}")

    failed = []
    for name in names:
        error = run_case(args, name)
        if error is None:
            print(f"PASS {name}", flush=True)
        else:
            failed.append(name)
            print(f"FAIL {name}: {error}", file=sys.stderr, flush=True)
    if len(names) > 1:
        print(f"{len(names) - len(failed)} of {len(names)} cases passed"
              + (f"; failed: {', '.join(failed)}" if failed else ""), file=sys.stderr)
    return 1 if failed else 0
