"""Vraagbaak: Dutch question answering over the G40 reports, answered with the reports' own words."""

__version__ = "0.1.0"
