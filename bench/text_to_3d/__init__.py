"""Text-to-3D benchmark: prompt understanding, attributes, speed and a contact sheet."""
