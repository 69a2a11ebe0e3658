"""The shared kernel: task records, statuses, ids and request options.

Every layer may import it and it imports no other meshforge package, so the rules it
holds (the allowed moves, the terminal set, the defaults) each have one home.
"""
