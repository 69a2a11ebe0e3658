"""The foreground stage shared by every image engine: one photo in, its one object out.

    from meshforge.inputs.foreground import ForegroundRefused, cut_out, installed_model
    model = installed_model(weights_dir)   # the learned segmenter, or None without weights
    cutout = cut_out(image_bytes, max_side=1024, model=model)   # Cutout(rgb, mask, alpha, ...)

ForegroundRefused.kind is "undecodable", "no_object", "cut_off" or "competing"; its
message is the sentence to show the user (an engine re-raises it as its input error).
"""

from meshforge.inputs.foreground.refusals import ForegroundRefused, RefusalKind
from meshforge.inputs.foreground.salient_model import SalientObjectModel, installed_model
from meshforge.inputs.foreground.stage import Cutout, cut_out

__all__ = [
    "Cutout",
    "ForegroundRefused",
    "RefusalKind",
    "SalientObjectModel",
    "cut_out",
    "installed_model",
]
