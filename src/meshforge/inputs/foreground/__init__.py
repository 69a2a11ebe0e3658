"""The foreground stage shared by every image engine: one photo in, its one object out.

    from meshforge.inputs.foreground import ForegroundRefused, cut_out
    cutout = cut_out(image_bytes, max_side=1024)   # Cutout(rgb, mask, alpha, ...)

ForegroundRefused.kind is "undecodable", "no_object", "cut_off" or "competing"; its
message is the sentence to show the user (an engine re-raises it as its input error).
"""

from meshforge.inputs.foreground.refusals import ForegroundRefused, RefusalKind
from meshforge.inputs.foreground.stage import Cutout, cut_out

__all__ = ["Cutout", "ForegroundRefused", "RefusalKind", "cut_out"]
