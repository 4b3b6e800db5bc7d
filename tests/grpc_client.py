#!/usr/bin/env python3
"""A gRPC client of another stack (Python grpcio + grpcio-status) against the
running example (cargo run --example grpc_service --features tonic).

Compiles proto/inventory/v1/inventory.proto with grpcio-tools into a temporary
directory, calls the service and checks the statuses it answers with: codes,
ErrorInfo.reason, RequestInfo.request_id and RetryInfo. Prints one line per
check and exits 1 if any fails.

Usage: tests/grpc_client.py [ADDR]   (default $ADDR, else 127.0.0.1:50051)
Needs: pip install grpcio grpcio-status grpcio-tools
"""

import importlib
import os
import sys
import tempfile

import grpc
from google.rpc import error_details_pb2
from grpc_status import rpc_status
from grpc_tools import protoc

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failures = 0


def check(name, ok, got):
    global failures
    print(f"{'ok  ' if ok else 'FAIL'} {name}: {got}")
    if not ok:
        failures += 1


def stubs():
    """inventory_pb2 and inventory_pb2_grpc, compiled from the checked-in .proto."""
    out = tempfile.mkdtemp(prefix="inventory-stubs-")
    args = [
        "protoc",
        f"-I{os.path.join(ROOT, 'proto')}",
        f"--python_out={out}",
        f"--grpc_python_out={out}",
        os.path.join(ROOT, "proto", "inventory", "v1", "inventory.proto"),
    ]
    if protoc.main(args) != 0:
        sys.exit("protoc (grpcio-tools) failed on inventory.proto")
    sys.path.insert(0, out)
    return (
        importlib.import_module("inventory.v1.inventory_pb2"),
        importlib.import_module("inventory.v1.inventory_pb2_grpc"),
    )


def details(error):
    """The ErrorInfo, RequestInfo and RetryInfo of a failed call's status."""
    status = rpc_status.from_call(error)
    found = {}
    if status is None:
        return found
    for any_detail in status.details:
        for kind in (
            error_details_pb2.ErrorInfo,
            error_details_pb2.RequestInfo,
            error_details_pb2.RetryInfo,
        ):
            if any_detail.Is(kind.DESCRIPTOR):
                message = kind()
                any_detail.Unpack(message)
                found[kind.__name__] = message
    return found


def fail(call, request, metadata=()):
    try:
        call(request, metadata=metadata, timeout=10)
    except grpc.RpcError as error:
        return error, details(error)
    sys.exit(f"{call} succeeded; expected an error")


def main():
    addr = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("ADDR", "127.0.0.1:50051")
    pb, pb_grpc = stubs()
    with grpc.insecure_channel(addr) as channel:
        grpc.channel_ready_future(channel).result(timeout=30)
        inventory = pb_grpc.InventoryStub(channel)

        sent_id = "python-grpcio-7"
        error, found = fail(
            inventory.GetMachine, pb.GetMachineRequest(id=7), [("x-request-id", sent_id)]
        )
        check("GetMachine(7) code", error.code() == grpc.StatusCode.NOT_FOUND, error.code())
        reason = found.get("ErrorInfo") and found["ErrorInfo"].reason
        check("GetMachine(7) ErrorInfo.reason", reason == "ResourceNotFound", reason)
        request_id = found.get("RequestInfo") and found["RequestInfo"].request_id
        check("GetMachine(7) RequestInfo.request_id", request_id == sent_id, request_id)
        echoed = dict(error.trailing_metadata() or ()).get("x-request-id")
        check("GetMachine(7) x-request-id metadata", echoed == sent_id, echoed)

        error, found = fail(inventory.GetMachine, pb.GetMachineRequest(id=13))
        check("GetMachine(13) code", error.code() == grpc.StatusCode.UNAVAILABLE, error.code())
        retry = found.get("RetryInfo")
        seconds = retry and retry.retry_delay.seconds
        check("GetMachine(13) RetryInfo.retry_delay", seconds == 30, f"{seconds} s")

        five = pb.IsolateMachinesRequest(machine_ids=[1, 2, 3, 4, 5], comment="incident 42")
        error, found = fail(inventory.IsolateMachines, five)
        check(
            "IsolateMachines without authorization",
            error.code() == grpc.StatusCode.UNAUTHENTICATED,
            error.code(),
        )
        error, found = fail(
            inventory.IsolateMachines, five, [("authorization", "Bearer token-1")]
        )
        check(
            "IsolateMachines(5 ids) code",
            error.code() == grpc.StatusCode.INVALID_ARGUMENT,
            error.code(),
        )
        reason = found.get("ErrorInfo") and found["ErrorInfo"].reason
        check(
            "IsolateMachines(5 ids) ErrorInfo.reason",
            reason == "MaximumBatchSizeExceeded",
            reason,
        )

    print(f"{'all checks passed' if failures == 0 else f'{failures} check(s) failed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
