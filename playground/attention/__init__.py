"""Transformer attention (syllabus section 2): a real pretrained encoder (all-MiniLM-L6-v2)
seen head by head, and a small encoder-decoder trained here whose masks and
cross-attention can be watched while it writes its answer."""
