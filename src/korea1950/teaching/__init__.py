"""Teaching: the story of one world, role-play with a debrief, and the classroom page.

Why apart: these put one world or a few switches in front of a class; they run
the same model through the same run path as everything else.
"""
