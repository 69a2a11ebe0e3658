"""Weight-free text-to-3D: prompt -> category + attributes -> parametric CSG object."""
