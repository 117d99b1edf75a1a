"""Inputs: the vocabulary (parameters, levers, calendar) and the files it is read from.

Why one layer: scenarios, readings, the record and the evidence all pass through
the same gate (``tomlfile``) and the same one-line errors before anything runs.
"""
