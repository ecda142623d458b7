"""Runs SQL on a SQLite database with the SQLite the app itself ships (SQLitePCLRaw's libe_sqlite3.so in the publish folder).

Debian's sqlite3 command line (3.40) predates FTS5's contentless_delete, so it cannot open the ticket search table the
app's migration 0022 makes; bench/seed-tickets-sqlite.sql uses this for the one statement that fills that table.
Usage: python3 bench/sqlite-exec.py LIBE_SQLITE3_SO DATABASE SQL_FILE
"""
import ctypes
import sys

library, database, script = sys.argv[1:4]
sqlite = ctypes.CDLL(library)
sqlite.sqlite3_libversion.restype = ctypes.c_char_p
sqlite.sqlite3_open.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p)]
sqlite.sqlite3_exec.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_char_p)]
sqlite.sqlite3_close.argtypes = [ctypes.c_void_p]
sqlite.sqlite3_busy_timeout.argtypes = [ctypes.c_void_p, ctypes.c_int]

db = ctypes.c_void_p()
if sqlite.sqlite3_open(database.encode(), ctypes.byref(db)) != 0:
    sys.exit(f"cannot open {database}")
sqlite.sqlite3_busy_timeout(db, 60_000)
error = ctypes.c_char_p()
with open(script, encoding="utf-8") as f:
    code = sqlite.sqlite3_exec(db, f.read().encode(), None, None, ctypes.byref(error))
sqlite.sqlite3_close(db)
if code != 0:
    sys.exit(f"SQLite {sqlite.sqlite3_libversion().decode()}: {error.value.decode() if error.value else code}")
