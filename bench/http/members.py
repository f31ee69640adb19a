#!/usr/bin/env python3
"""Many members, each with a live session and a calendar feed, for the "nothing kept" row of
bench/http/run.sh: writes SQL (for SQLite and PostgreSQL alike) that adds them to the programme
with the given slug, and the session ids (one per line) for the wrk script that cycles through
them. Sessions are stored as sohosolo stores them: the BLAKE2b-256 of the id, in hex.

    members.py COUNT SLUG SQL_OUT SIDS_OUT
"""
import hashlib
import secrets
import sys
import time

count, slug, sql_out, sids_out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
now = int(time.time())
first = 1_000_000  # ids far above those `user add` gave
programme = f"(SELECT id FROM programmes WHERE slug = '{slug}')"

with open(sql_out, "w") as sql, open(sids_out, "w") as sids:
    sql.write("BEGIN;\n")
    for start in range(0, count, 1000):
        batch = range(start, min(count, start + 1000))
        accounts, roles, sessions, feeds = [], [], [], []
        for i in batch:
            account = first + i
            email = f"member{i}@example.org"
            sid = secrets.token_urlsafe(32)
            sids.write(sid + "\n")
            id_hash = hashlib.blake2b(sid.encode(), digest_size=32).hexdigest()
            accounts.append(f"({account}, '{email}', '{email}', 'Member {i}', 'fr', '', {now})")
            roles.append(f"({programme}, {account}, 'member', {now})")
            # Last seen an hour ahead: no request of the run refreshes the idle clock. That write
            # comes at most once a minute per session, but all of these sessions would need it
            # in the same minute, and the row measures the reads.
            sessions.append(f"('{id_hash}', {programme}, {account}, "
                            f"'{secrets.token_urlsafe(24)}', {now}, {now + 3600})")
            # A feed made before tokens were derived: read, derived and compared as any other.
            feeds.append(f"({programme}, {account}, '{secrets.token_hex(32)}', {now}, {account}, 1)")
        sql.write("INSERT INTO accounts (id, email, email_key, display_name, language, "
                  "password_hash, created_at) VALUES " + ",\n".join(accounts) + ";\n")
        sql.write("INSERT INTO account_roles (programme_id, account_id, role, granted_at) VALUES "
                  + ",\n".join(roles) + ";\n")
        sql.write("INSERT INTO sessions (id_hash, programme_id, account_id, csrf_token, "
                  "created_at, last_seen_at) VALUES " + ",\n".join(sessions) + ";\n")
        sql.write("INSERT INTO calendar_feeds (programme_id, account_id, token_hash, created_at, "
                  "created_by, generation) VALUES " + ",\n".join(feeds) + ";\n")
    sql.write("COMMIT;\n")
