"""Simulation: the world state, the actors, the war submodel and the Mesa model.

Why apart: this is the part a historian reads; it knows nothing of how many
worlds are run where, or how results are reported.
"""
