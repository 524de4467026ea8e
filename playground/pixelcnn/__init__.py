"""Pixel by pixel: autoregressive generation with PixelCNNs (syllabus section 3)."""
