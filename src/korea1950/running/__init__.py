"""Running: many worlds in seeded blocks, on one core, many, or a cluster, reduced to tallies.

Why apart: every command, the page and the analyses run worlds through here, so
a seed gives the same figures whatever runs them.
"""
