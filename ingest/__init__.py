"""Ingest: report files in ``corpus/`` become clean, sectioned, citable passages."""
