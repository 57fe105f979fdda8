"""A writer process for the crash and concurrency tests: logs touchpoints in a loop and prints the
id of each one after its commit returned, so the parent knows what must survive."""

from __future__ import annotations

import sys

from touchdesk.data.records import CustomerInput, TouchpointInput
from touchdesk.data.workspace import Workspace


def main(db: str, count: int, tag: str) -> None:
    ws = Workspace.open(db)
    cid = ws.create_customer(CustomerInput(name=f"Writer {tag}"))
    print(f"ready {cid}", flush=True)
    for i in range(count):
        event_id = ws.log_touchpoint(
            TouchpointInput(
                cid,
                "support_channels",
                "phone",
                "negative",
                "inbound",
                note=f"{tag} {i} " + "x" * 200,
            )
        )
        print(event_id, flush=True)
    ws.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
