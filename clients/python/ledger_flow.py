#!/usr/bin/env python3
"""The application flow of docs/clients.md with psycopg 3 (Debian's
python3-psycopg): amounts as int both ways, a ledger refusal read by its
SQLSTATE and fields, an idempotent retry by ref, a wallet-signed order
executed (and resubmitted: the same result), and the event feed read with
LISTEN and ledger_events from the last sequence number seen.

Connects with the PG* environment variables to a database where
CREATE EXTENSION creative_defi has run (test/suites/client_python.sh makes
a throwaway one).  The order is the one docs/orders.md shows, signed by
ethers with the test key keccak256('creative_defi test key alice'); Python
has no secp256k1 signer in its standard library, so a backend in Python
receives signatures from the wallet, as here.
"""
import json
import re
import select
import time

import psycopg
from psycopg.adapt import Loader

ETH = "eip155:1/slip44:60"
SONG = "eip155:1/erc721:0x06012c8cf97bead5deae237070f9587f8e7a266d/771769"
ALICE = "0xd67d818d59e71e7b063fba833f52ec30ea01c2e9"
ARTIST = "0xac134f13135d59f60e57d4810bd35144584ee1d5"
ORDER = {
    "types": {
        "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "version", "type": "string"},
                         {"name": "chainId", "type": "uint256"}, {"name": "verifyingContract", "type": "address"}],
        "Buy": [{"name": "signer", "type": "address"}, {"name": "asset", "type": "string"},
                {"name": "amount", "type": "uint256"}, {"name": "maxCost", "type": "uint256"},
                {"name": "nonce", "type": "uint256"}, {"name": "deadline", "type": "uint256"}],
    },
    "primaryType": "Buy",
    "domain": {"name": "creative_defi", "version": "1", "chainId": "1",
               "verifyingContract": "0x00000000000000000000000000000000c0ffee00"},
    "message": {"signer": ALICE, "asset": SONG, "amount": "3", "maxCost": "500", "nonce": "1", "deadline": "4102444800"},
}
SIGNATURE = bytes.fromhex("4d1842723480e563865df5b72662ea6d94ac221ac1b5f4c479fecde66e16905859f6ac39"
                          "552b7326d2d3031a94f6c8e1ec24afc84e80e40087cc176c690eee631b")


class WholeNumericLoader(Loader):
    """numeric as int (ledger amounts are whole; Decimal would do, int is exact and simpler)."""

    def load(self, data):
        text = bytes(data).decode()
        return int(text) if re.fullmatch(r"-?\d+", text) else text


def connect(**kwargs):
    conn = psycopg.connect(autocommit=True, **kwargs)
    # per connection, not psycopg.adapters (global)
    conn.adapters.register_loader("numeric", WholeNumericLoader)
    conn.execute("SET search_path = public, creative_defi")
    return conn


class InsufficientBalance(Exception):
    """CD002, with the fields its message names."""

    def __init__(self, err):
        super().__init__(err.diag.message_primary)
        m = re.fullmatch(r"insufficient balance: account (0x[0-9a-fA-F]{40}) holds (\d+) of (\S+), needs (\d+)",
                         err.diag.message_primary)
        self.account, self.held, self.asset, self.needed = m[1], int(m[2]), m[3], int(m[4])


RETRYABLE = ("40001", "40P01", "57P01")


def with_retry(conn_factory, call, attempts=5):
    """Run call(conn); after a lost connection or a serialization failure
    resubmit it unchanged (same ref): the ledger replays the ref and returns
    the original result."""
    conn = conn_factory()
    for attempt in range(1, attempts + 1):
        try:
            return call(conn)
        except psycopg.OperationalError as err:
            if attempt == attempts or not (conn.closed or (err.sqlstate or "") in RETRYABLE
                                            or (err.sqlstate or "").startswith("08")):
                raise
            conn.close()
            time.sleep(0.05 * attempt)
            conn = conn_factory()


def main():
    app = connect()
    listener = connect()
    listener.execute("LISTEN creative_defi_ledger")
    woken = []
    listener.add_notify_handler(lambda n: woken.append(int(n.payload)))
    last_seq = app.execute("SELECT seq FROM journal_head()").fetchone()[0]

    app.execute("SELECT set_order_domain('creative_defi', '1', 1, '0x00000000000000000000000000000000c0ffee00')")
    app.execute("SELECT txn_id FROM register_asset(%s, %s, 'linear(base=100, slope=10)', %s, %s, 250)",
                (SONG, ETH, f"{ARTIST}=100%", ARTIST))
    big = 2**64 + 1
    moved = app.execute("SELECT moved FROM deposit(%s, %s, %s, 'py-big')", (ARTIST, ETH, big)).fetchone()[0]
    assert moved == big and type(moved) is int, moved
    app.execute("SELECT txn_id FROM deposit(%s, %s, 1000, 'py-alice')", (ALICE, ETH))

    # a refusal by its SQLSTATE and fields
    try:
        app.execute("SELECT * FROM withdraw(%s, %s, 5000, 'py-too-much')", (ALICE, ETH))
        raise AssertionError("withdrew more than held")
    except psycopg.Error as err:
        # the extension's own SQLSTATEs (class CD) are not in psycopg's
        # table of classes: read err.sqlstate
        if err.sqlstate != "CD002":
            raise
        e = InsufficientBalance(err)
        assert (e.held, e.needed, e.asset) == (1000, 5000, ETH), vars(e)
        print(f"refused: {e.account} holds {e.held}, needs {e.needed}")

    # the connection dies before the call: the retry runs it once, on a new one
    victim = connect()
    pid = victim.info.backend_pid
    app.execute("SELECT pg_terminate_backend(%s)", (pid,))
    conns = iter([victim])
    attempts = []

    def move(c):
        attempts.append(c.info.backend_pid if not c.closed else None)
        return c.execute("SELECT txn_id, moved FROM transfer(%s, %s, %s, 1, 'py-retry')", (ARTIST, ALICE, ETH)).fetchone()

    txn = with_retry(lambda: next(conns, None) or connect(), move)
    assert len(attempts) == 2 and attempts[0] == pid, attempts
    again = app.execute("SELECT txn_id, moved FROM transfer(%s, %s, %s, 1, 'py-retry')", (ARTIST, ALICE, ETH)).fetchone()
    assert txn == again, (txn, again)
    print(f"retried after the connection was terminated: txn {txn[0]}, the same on a replay")

    # the signed order, then the same order again: one execution
    row = app.execute("SELECT kind, txn_id, result FROM execute_order(%s, %s)", (json.dumps(ORDER), SIGNATURE)).fetchone()
    kind, order_txn, result = row
    assert kind == "Buy" and result["bought"] == 3 and result["paid"] == 339, row
    assert app.execute("SELECT txn_id FROM execute_order(%s, %s)", (json.dumps(ORDER), SIGNATURE)).fetchone()[0] == order_txn
    assert app.execute("SELECT balance(%s, %s)", (ALICE, SONG)).fetchone()[0] == 3
    print(f"order: {kind} txn {order_txn} {result}")

    # the event feed: woken by NOTIFY, read from the last seq seen
    app.execute("SELECT journal_head()")
    select.select([listener.fileno()], [], [], 5)
    listener.execute("SELECT 1")  # lets psycopg read the notifications
    assert woken, "no notification"
    events = listener.execute("SELECT seq, kind, ref, postings FROM ledger_events(%s, 1000)", (last_seq,)).fetchall()
    seqs = [e[0] for e in events]
    assert seqs == list(range(last_seq + 1, last_seq + 1 + len(events))), seqs
    assert max(woken) == seqs[-1], (woken, seqs)
    refs = [e[2] for e in events]
    assert [r.lower() for r in refs] == ["register:" + SONG, "py-big", "py-alice", "py-retry", f"order:{ALICE}:1"], refs
    for seq, kind, ref, postings in events:
        print(f"event {seq}: {kind} {ref} " + ", ".join(f"{p['account'][:8]}… {int(p['amount']):+d}" for p in postings))
    print("python example: 1 passed, 0 failed")


if __name__ == "__main__":
    main()
