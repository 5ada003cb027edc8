"""What the walk-through scripts expect of an answer: a condition that must hold, or a refusal with a given code."""

import grpc


def check(condition, what):
    if not condition:
        raise AssertionError(what)


def refused(expected_code, call, *args, **kwargs):
    """The details of the refusal that call must end in; anything else, success included, is a failure."""
    try:
        answer = call(*args, **kwargs)
    except grpc.RpcError as e:
        if e.code() != expected_code:
            raise AssertionError(f"expected {expected_code.name}, got {e.code().name}: {e.details()}") from e
        return e.details()
    raise AssertionError(f"expected {expected_code.name}, got an answer: {answer}")
