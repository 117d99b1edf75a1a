"""Analysis: comparing scenarios, weighing readings against the record, sensitivity.

Why apart: it reads summaries, never a model.
"""
