"""Where built tables live, and how a build lands without anyone seeing half of one.

    publish      write a build as a folder of its own, made current in one step
    lock         one build at a time on a data tree
    scratch      the names a build writes under, and tidying after killed and expired builds
    freshness    whether the tables are up to date (standard library only: a no-op build imports no pandas)
    stage_cache  the curated stage kept between builds, by the hash of its inputs
    tables       reading the built tables: the one way pages and analysts get at the data

Nothing heavy is imported here: `freshness` and `lock` serve the no-op build.
"""
