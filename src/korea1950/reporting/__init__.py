"""Reporting: figures, the study report, the manifest and the output folder they are written to.

Why apart: nothing here changes a figure; it only shows and files them.
"""
