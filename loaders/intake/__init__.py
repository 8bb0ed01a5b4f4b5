"""What an analyst adds to the data, or takes back, from the dashboard: each through the build, never around it.

upload       check a file, preview what it would change on a scratch copy, add it under the build lock
removal      preview what taking a loaded release out would change, move it to data/removed/, put it back
audit        the append-only record of every upload, removal and restore: who, when, what, the effect
"""
